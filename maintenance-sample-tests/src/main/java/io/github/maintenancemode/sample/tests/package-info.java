/**
 * The end-to-end suite of the sample applications, written once and run against each: the
 * servlet sample on Tomcat and the reactive one on Netty. Each test class is abstract; a
 * sample extends it with the few hooks that reach into its own notes.
 */
@NullMarked
package io.github.maintenancemode.sample.tests;

import org.jspecify.annotations.NullMarked;
