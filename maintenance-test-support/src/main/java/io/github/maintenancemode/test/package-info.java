/**
 * The contract tests that every {@link io.github.maintenancemode.MaintenanceStateStore}
 * passes.
 */
@NullMarked
package io.github.maintenancemode.test;

import org.jspecify.annotations.NullMarked;
