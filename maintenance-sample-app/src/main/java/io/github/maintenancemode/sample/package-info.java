/**
 * A small real application that uses the maintenance starter.
 */
@NullMarked
package io.github.maintenancemode.sample;

import org.jspecify.annotations.NullMarked;
