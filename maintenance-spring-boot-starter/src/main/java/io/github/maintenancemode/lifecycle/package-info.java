/**
 * The maintenance lifecycle: planned windows, instance drain, readiness and audit events.
 */
@NullMarked
package io.github.maintenancemode.lifecycle;

import org.jspecify.annotations.NullMarked;
