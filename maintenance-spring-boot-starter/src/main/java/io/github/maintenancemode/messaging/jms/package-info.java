/**
 * Pausing {@code @JmsListener} containers while maintenance is on.
 */
@NullMarked
package io.github.maintenancemode.messaging.jms;

import org.jspecify.annotations.NullMarked;
