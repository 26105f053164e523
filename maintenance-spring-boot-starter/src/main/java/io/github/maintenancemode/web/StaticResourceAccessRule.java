package io.github.maintenancemode.web;

import java.util.List;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Lets through safe requests ({@code GET}, {@code HEAD}) for the static resources at
 * Spring Boot's common locations, the same ones as Spring Security's
 * {@code PathRequest.toStaticResources().atCommonLocations()}: styles, scripts, images,
 * webjars and icons. They never touch the data, and a page made to look like the
 * application needs them ({@code maintenance.allow.static-resources}). A path that one of
 * the application's request mappings could take as well (a controller at
 * {@code /css/{name}}) is not a static resource and is not let through here.
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

	private static final List<PathPattern> LOCATIONS = COMMON_LOCATIONS.stream()
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

	private final boolean enabled;

	private final SingletonSupplier<List<HandlerMethodMapping>> handlerMappings;

	/**
	 * Create the rule.
	 * @param enabled whether it lets static resources through
	 * @param handlerMappings the application's request mappings, whose paths are not
	 * static resources (collected on first use), or {@code null} without any
	 */
	public StaticResourceAccessRule(boolean enabled, @Nullable Supplier<List<HandlerMethodMapping>> handlerMappings) {
		this.enabled = enabled;
		this.handlerMappings = SingletonSupplier
			.of(() -> (handlerMappings != null) ? handlerMappings.get() : List.of());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean admits(MaintenanceRequest request, MaintenanceState state) {
		String method = request.method();
		if (!this.enabled || !MaintenanceDecider.isSafe(method)) {
			return false;
		}
		String rawPath = request.path();
		if (rawPath == null || !mayBeStatic(rawPath)) {
			return false;
		}
		PathContainer path = HandlerPaths.parse(rawPath);
		return path != null && LOCATIONS.stream().anyMatch((location) -> location.matches(path))
				&& this.handlerMappings.obtain().stream().noneMatch((mapping) -> mapping.matches(path));
	}

	/**
	 * Whether a path could match one of the locations, told without allocating: the
	 * {@code /*}{@code /icon-*} location has no literal prefix to rule most paths out.
	 */
	private static boolean mayBeStatic(String path) {
		if (path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/images/")
				|| path.startsWith("/webjars/") || path.startsWith("/favicon.")) {
			return true;
		}
		int second = path.indexOf('/', 1);
		return second > 0 && path.startsWith("/icon-", second) && path.indexOf('/', second + 1) < 0;
	}

}
