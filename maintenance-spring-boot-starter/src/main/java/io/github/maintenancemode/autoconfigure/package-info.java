/**
 * Auto-configuration for maintenance mode.
 */
@NullMarked
package io.github.maintenancemode.autoconfigure;

import org.jspecify.annotations.NullMarked;
