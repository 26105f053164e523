package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.MaintenanceState;

/**
 * Decides whether a request passes while maintenance is on: in read-only mode safe
 * methods always pass; otherwise the {@link MaintenanceAccessRule rules} are asked in
 * order and the first that admits lets the request through.
 */
public class MaintenanceAccessPolicy {

	private final MaintenanceAccessRule[] rules;

	public MaintenanceAccessPolicy(List<? extends MaintenanceAccessRule> rules) {
		this.rules = rules.toArray(new MaintenanceAccessRule[0]);
	}

	/**
	 * Return whether the request may pass.
	 * @param request the request
	 * @param state the current state (enabled)
	 * @return whether the request may pass
	 */
	public boolean admits(MaintenanceRequest request, MaintenanceState state) {
		if (state.mode() == MaintenanceState.Mode.READ_ONLY && MaintenanceDecider.isSafe(request.method())) {
			return true;
		}
		for (MaintenanceAccessRule rule : this.rules) {
			if (rule.admits(request, state)) {
				return true;
			}
		}
		return false;
	}

}
