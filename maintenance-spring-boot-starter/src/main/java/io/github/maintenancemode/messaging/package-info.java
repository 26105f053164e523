/**
 * Pausing message consumers while maintenance is on.
 */
@NullMarked
package io.github.maintenancemode.messaging;

import org.jspecify.annotations.NullMarked;
