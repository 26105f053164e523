package io.github.maintenancemode.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The paths that always pass, whatever the state: the actuator (health probes included),
 * Boot's additional probe paths when they are on, and the page's own assets. A path
 * matches a base when it equals it or continues it after a slash, so {@code /actuator}
 * covers {@code /actuator/health} but not {@code /actuatorx}.
 */
public final class ExemptPaths {

	/**
	 * Where an application that overrides the page keeps the page's images and styles.
	 */
	static final String ASSETS_PATH = "/maintenance-assets";

	/**
	 * The path the page polls to learn when maintenance ends, answered by the filter.
	 */
	public static final String STATUS_PATH = ASSETS_PATH + "/status";

	private final String[] bases;

	public ExemptPaths(List<String> bases) {
		this.bases = bases.stream().map(ExemptPaths::normalize).distinct().toArray(String[]::new);
	}

	public static ExemptPaths of(String managementBasePath, boolean additionalProbePaths) {
		List<String> bases = new ArrayList<>();
		bases.add(ASSETS_PATH);
		if (!managementBasePath.isEmpty() && !managementBasePath.equals("/")) {
			bases.add(managementBasePath);
		}
		if (additionalProbePaths) {
			bases.add("/livez");
			bases.add("/readyz");
		}
		return new ExemptPaths(bases);
	}

	private static String normalize(String base) {
		String result = base.startsWith("/") ? base : "/" + base;
		return (result.length() > 1 && result.endsWith("/")) ? result.substring(0, result.length() - 1) : result;
	}

	public boolean matches(String path) {
		for (String base : this.bases) {
			if (path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/')) {
				return true;
			}
		}
		return false;
	}

}
