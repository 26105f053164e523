package io.github.maintenancemode.web;

import io.github.maintenancemode.MaintenanceState;

/**
 * Decides whether a request may pass while maintenance is on. Rules are beans; the filter
 * asks them in their {@link org.springframework.core.annotation.Order order} and lets the
 * request through at the first that admits it. Rules must not touch a store, the disk or
 * the network.
 */
@FunctionalInterface
public interface MaintenanceAccessRule {

	/**
	 * Return whether the request may pass.
	 * @param request the request
	 * @param state the current maintenance state (always enabled)
	 * @return {@code true} to let the request through
	 */
	boolean admits(MaintenanceRequest request, MaintenanceState state);

}
