package io.github.maintenancemode.web;

/**
 * A decision that the maintenance filter leaves to a later filter for a request that no
 * rule admits yet: one that the role of its user could admit once Spring Security has
 * authenticated it ({@link io.github.maintenancemode.web.servlet.MaintenanceRoleFilter},
 * and its reactive counterpart).
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
	boolean mayAdmitLater(MaintenanceRequest request);

}
