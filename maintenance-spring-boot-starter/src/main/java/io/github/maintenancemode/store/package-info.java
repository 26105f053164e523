/**
 * Built-in state stores.
 */
@NullMarked
package io.github.maintenancemode.store;

import org.jspecify.annotations.NullMarked;
