/**
 * Maintenance mode for Spring Boot: the public model ({@link MaintenanceState}), the bean
 * applications inject ({@link MaintenanceMode}) and the store SPI
 * ({@link MaintenanceStateStore}).
 */
@NullMarked
package io.github.maintenancemode;

import org.jspecify.annotations.NullMarked;
