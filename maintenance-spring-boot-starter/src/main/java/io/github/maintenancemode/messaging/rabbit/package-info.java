/**
 * Pausing {@code @RabbitListener} containers while maintenance is on.
 */
@NullMarked
package io.github.maintenancemode.messaging.rabbit;

import org.jspecify.annotations.NullMarked;
