package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.MaintenanceState;

import org.springframework.core.Ordered;

/**
 * Lets through safe requests ({@code GET}, {@code HEAD}) for the static resources at
 * Spring Boot's common locations, the same ones as Spring Security's
 * {@code PathRequest.toStaticResources().atCommonLocations()}: styles, scripts, images,
 * webjars and icons. They never touch the data, and a page made to look like the
 * application needs them ({@code maintenance.allow.static-resources}).
 */
public class StaticResourceAccessRule implements MaintenanceAccessRule, Ordered {

	/**
	 * The order of this rule: asked before the configured paths.
	 */
	public static final int ORDER = 50;

	/**
	 * The paths of Spring Boot's common static resource locations.
	 */
	public static final List<String> COMMON_LOCATIONS = List.of("/css/**", "/js/**", "/images/**", "/webjars/**",
			"/favicon.*", "/*/icon-*");

	private final PathAccessRule paths = new PathAccessRule(COMMON_LOCATIONS);

	private final boolean enabled;

	/**
	 * Create the rule.
	 * @param enabled whether it lets static resources through
	 */
	public StaticResourceAccessRule(boolean enabled) {
		this.enabled = enabled;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean admits(MaintenanceRequest request, MaintenanceState state) {
		String method = request.method();
		return this.enabled && ("GET".equals(method) || "HEAD".equals(method)) && this.paths.admits(request, state);
	}

}
