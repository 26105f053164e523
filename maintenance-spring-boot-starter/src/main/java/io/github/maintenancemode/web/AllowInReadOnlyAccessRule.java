package io.github.maintenancemode.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

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

	private volatile @Nullable List<Mapping> mappings;

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
		List<Mapping> mappings = mappings();
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
		for (Mapping mapping : mappings) {
			if (mapping.matches(request.method(), path)) {
				if (!mapping.allowed()) {
					return false;
				}
				allowed = true;
			}
		}
		return allowed;
	}

	private List<Mapping> mappings() {
		List<Mapping> mappings = this.mappings;
		if (mappings == null) {
			mappings = new ArrayList<>();
			for (RequestMappingHandlerMapping handlerMapping : this.handlerMappings) {
				handlerMapping.getHandlerMethods().forEach(collectInto(mappings));
			}
			mappings = mappings.stream().anyMatch(Mapping::allowed) ? List.copyOf(mappings) : List.of();
			this.mappings = mappings;
		}
		return mappings;
	}

	private static BiConsumer<RequestMappingInfo, HandlerMethod> collectInto(List<Mapping> mappings) {
		return (info, handler) -> {
			boolean allowed = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), AllowInReadOnly.class)
					|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), AllowInReadOnly.class);
			if (info.getPathPatternsCondition() != null) {
				mappings.add(new Mapping(info.getPathPatternsCondition().getPatterns(),
						info.getMethodsCondition().getMethods(), allowed));
			}
		};
	}

	/**
	 * The path patterns and methods of one handler, and whether it is allowed.
	 */
	private record Mapping(Set<PathPattern> patterns, Set<RequestMethod> methods, boolean allowed) {

		boolean matches(String method, PathContainer path) {
			if (!this.methods.isEmpty() && this.methods.stream().noneMatch((m) -> m.name().equals(method))) {
				return false;
			}
			return this.patterns.stream().anyMatch((pattern) -> pattern.matches(path));
		}

	}

}
