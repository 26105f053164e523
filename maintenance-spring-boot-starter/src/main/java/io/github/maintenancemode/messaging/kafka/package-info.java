/**
 * Pausing {@code @KafkaListener} containers while maintenance is on.
 */
@NullMarked
package io.github.maintenancemode.messaging.kafka;

import org.jspecify.annotations.NullMarked;
