package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

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

	private final ObjectProvider<RequestMappingHandlerMapping> handlerMappings;

	private volatile @Nullable List<HandlerMethodMapping> mappings;

	public AllowInReadOnlyAccessRule(ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
		this.handlerMappings = handlerMappings;
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
		List<HandlerMethodMapping> mappings = mappings();
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

	private List<HandlerMethodMapping> mappings() {
		List<HandlerMethodMapping> mappings = this.mappings;
		if (mappings == null) {
			mappings = HandlerMethodMapping.collect(this.handlerMappings);
			mappings = mappings.stream().anyMatch(HandlerMethodMapping::allowedInReadOnly) ? mappings : List.of();
			this.mappings = mappings;
		}
		return mappings;
	}

}
