/**
 * The actuator endpoint, health contributor and metrics.
 */
@NullMarked
package io.github.maintenancemode.actuate;

import org.jspecify.annotations.NullMarked;
