package io.github.maintenancemode.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.maintenancemode.web.HandlerMethodMapping;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Facts about where Spring MVC maps requests, taken from Boot's own beans: the dispatcher
 * servlet's path, and the path patterns that the actuator's handler mappings (its
 * endpoints, and Boot's additional health paths) registered in this context. With the
 * actuator on a separate management port those mappings live in the management context,
 * so none are found here.
 */
final class MaintenanceHandlerPaths {

	private static final boolean WEBMVC_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath",
			MaintenanceHandlerPaths.class.getClassLoader());

	private static final boolean ACTUATOR_WEBMVC_PRESENT = WEBMVC_PRESENT && ClassUtils.isPresent(
			"org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping",
			MaintenanceHandlerPaths.class.getClassLoader());

	/**
	 * The handler mapping of {@code @ControllerEndpoint} endpoints, looked up by name: it
	 * is deprecated, and still maps actuator paths where applications use it.
	 */
	private static final @Nullable Class<?> CONTROLLER_ENDPOINT_MAPPING = ACTUATOR_WEBMVC_PRESENT ? ClassUtils
		.resolveClassName("org.springframework.boot.webmvc.actuate.endpoint.web.ControllerEndpointHandlerMapping",
				MaintenanceHandlerPaths.class.getClassLoader())
			: null;

	private MaintenanceHandlerPaths() {
	}

	/**
	 * Return the dispatcher servlet's path prefix: {@code ""} when it is mapped to
	 * {@code /}, otherwise its path, such as {@code /app}.
	 * @param beanFactory the application's bean factory
	 * @return the prefix
	 */
	static String dispatcherServletPrefix(ListableBeanFactory beanFactory) {
		if (!WEBMVC_PRESENT) {
			return "";
		}
		DispatcherServletPath path = beanFactory.getBeanProvider(DispatcherServletPath.class).getIfUnique();
		return (path != null) ? path.getPrefix() : "";
	}

	/**
	 * Return the path patterns of the actuator's handler mappings in this context: its
	 * endpoints, Boot's additional health paths and {@code @ControllerEndpoint} ones.
	 * @param beanFactory the application's bean factory
	 * @return the patterns, relative to the dispatcher servlet
	 */
	static List<PathPattern> actuatorPatterns(ListableBeanFactory beanFactory) {
		if (!ACTUATOR_WEBMVC_PRESENT) {
			return List.of();
		}
		Stream<RequestMappingInfoHandlerMapping> endpoints = beanFactory
			.getBeanProvider(AbstractWebMvcEndpointHandlerMapping.class)
			.orderedStream()
			.map(RequestMappingInfoHandlerMapping.class::cast);
		Class<?> controllerEndpoints = CONTROLLER_ENDPOINT_MAPPING;
		Stream<RequestMappingInfoHandlerMapping> controllers = (controllerEndpoints != null)
				? beanFactory.getBeanProvider(RequestMappingInfoHandlerMapping.class)
					.orderedStream()
					.filter(controllerEndpoints::isInstance)
				: Stream.empty();
		return Stream.concat(endpoints, controllers)
			.flatMap((mapping) -> mapping.getHandlerMethods().keySet().stream())
			.map((info) -> info.getPathPatternsCondition())
			.filter(Objects::nonNull)
			.map(PathPatternsRequestCondition::getPatterns)
			.flatMap((patterns) -> patterns.stream())
			.distinct()
			.toList();
	}

	/**
	 * Collect the mappings of Spring MVC's handler methods that have path patterns.
	 * @param handlerMappings the application's request mappings
	 * @return the mappings
	 */
	static List<HandlerMethodMapping> handlerMethods(Iterable<RequestMappingHandlerMapping> handlerMappings) {
		List<HandlerMethodMapping> mappings = new ArrayList<>();
		for (RequestMappingHandlerMapping handlerMapping : handlerMappings) {
			handlerMapping.getHandlerMethods().forEach((info, handler) -> {
				PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
				if (patterns != null) {
					mappings
						.add(new HandlerMethodMapping(patterns.getPatterns(), info.getMethodsCondition().getMethods(),
								HandlerMethodMapping.isAllowedInReadOnly(handler)));
				}
			});
		}
		return List.copyOf(mappings);
	}

}
