/**
 * Skipping scheduled jobs while maintenance is on.
 */
@NullMarked
package io.github.maintenancemode.scheduling;

import org.jspecify.annotations.NullMarked;
