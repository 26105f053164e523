package io.github.maintenancemode.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A decision that the {@link MaintenanceFilter} leaves to a later filter for a request
 * that no rule admits yet: one that the role of its user could admit once Spring Security
 * has authenticated it ({@link MaintenanceRoleFilter}).
 */
public interface DeferredDecision {

	/**
	 * The request attribute that carries the refused request's view to the later filter.
	 */
	String ATTRIBUTE = DeferredDecision.class.getName() + ".REQUEST";

	/**
	 * Return whether a request that no rule admits may still be admitted later.
	 * @param request the request
	 * @return whether to let it go on to the later filter
	 */
	boolean mayAdmitLater(HttpServletRequest request);

}
