/**
 * The reactive sample application.
 */
@NullMarked
package io.github.maintenancemode.sample.webflux;

import org.jspecify.annotations.NullMarked;
