/**
 * A {@link io.github.maintenancemode.MaintenanceStateStore} that shares the maintenance
 * state between application instances through Redis, with pub/sub so that every instance
 * learns a change at once.
 */
@NullMarked
package io.github.maintenancemode.store.redis;

import org.jspecify.annotations.NullMarked;
