package io.github.maintenancemode.web;

import java.util.List;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceState;

import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.util.function.SingletonSupplier;

/**
 * In {@code READ_ONLY} mode, lets through writes to handlers annotated with
 * {@link AllowInReadOnly}. The path patterns and methods of every handler are collected
 * from the request mappings on first use; a request passes when its method and path match
 * an allowed handler and no other: when another handler could take it too (a catch-all, a
 * more specific mapping), it is refused.
 */
public class AllowInReadOnlyAccessRule implements MaintenanceAccessRule, Ordered {

	/**
	 * The order of this rule.
	 */
	public static final int ORDER = 600;

	/**
	 * The handler methods, or none when no method may be used in read-only maintenance.
	 */
	private final SingletonSupplier<List<HandlerMethodMapping>> mappings;

	/**
	 * Create the rule.
	 * @param handlerMappings the application's handler methods (collected on first use,
	 * when the request mappings are complete)
	 */
	public AllowInReadOnlyAccessRule(Supplier<List<HandlerMethodMapping>> handlerMappings) {
		this.mappings = SingletonSupplier.of(() -> {
			List<HandlerMethodMapping> mappings = handlerMappings.get();
			return mappings.stream().anyMatch(HandlerMethodMapping::allowedInReadOnly) ? mappings : List.of();
		});
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean admits(MaintenanceRequest request, MaintenanceState state) {
		if (state.mode() != MaintenanceState.Mode.READ_ONLY) {
			return false;
		}
		List<HandlerMethodMapping> mappings = this.mappings.obtain();
		if (mappings.isEmpty()) {
			return false;
		}
		String rawPath = request.path();
		if (rawPath == null) {
			return false;
		}
		PathContainer path = HandlerPaths.parse(rawPath);
		if (path == null) {
			return false;
		}
		boolean allowed = false;
		for (HandlerMethodMapping mapping : mappings) {
			if (mapping.matches(request.method(), path)) {
				if (!mapping.allowedInReadOnly()) {
					return false;
				}
				allowed = true;
			}
		}
		return allowed;
	}

}
