package io.github.maintenancemode.sample.webflux;

import io.github.maintenancemode.web.MaintenanceNotice;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the pages' templates read: the {@code maintenanceNotice} that the maintenance
 * filter sets on the exchange, which the starter's banner shows.
 */
@ControllerAdvice
class PageAttributes {

	@ModelAttribute(MaintenanceNotice.ATTRIBUTE)
	@Nullable MaintenanceNotice maintenanceNotice(ServerWebExchange exchange) {
		return exchange.getAttribute(MaintenanceNotice.ATTRIBUTE);
	}

}
