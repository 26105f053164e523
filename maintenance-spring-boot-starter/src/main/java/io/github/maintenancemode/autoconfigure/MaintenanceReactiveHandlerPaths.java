package io.github.maintenancemode.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.maintenancemode.web.HandlerMethodMapping;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.webflux.actuate.endpoint.web.AbstractWebFluxEndpointHandlerMapping;
import org.springframework.boot.webflux.actuate.endpoint.web.ControllerEndpointHandlerMapping;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Facts about where WebFlux maps requests, taken from Boot's own beans: the base path,
 * the path patterns that the actuator's handler mappings registered in this context, the
 * application's handler methods and its session cookie. With the actuator on a separate
 * management port its mappings live in the management context, so none are found here.
 */
final class MaintenanceReactiveHandlerPaths {

	private static final boolean ACTUATOR_WEBFLUX_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.webflux.actuate.endpoint.web.AbstractWebFluxEndpointHandlerMapping",
			MaintenanceReactiveHandlerPaths.class.getClassLoader());

	private static final boolean WEBFLUX_PROPERTIES_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.webflux.autoconfigure.WebFluxProperties",
			MaintenanceReactiveHandlerPaths.class.getClassLoader());

	private MaintenanceReactiveHandlerPaths() {
	}

	/**
	 * Return WebFlux's base path ({@code spring.webflux.base-path}), as Boot's
	 * {@code WebFluxProperties} bean holds it.
	 * @param beanFactory the application's bean factory
	 * @return the base path, {@code ""} at the root
	 */
	static String basePath(ListableBeanFactory beanFactory) {
		if (!WEBFLUX_PROPERTIES_PRESENT) {
			return "";
		}
		WebFluxProperties properties = beanFactory.getBeanProvider(WebFluxProperties.class).getIfUnique();
		String basePath = (properties != null) ? properties.getBasePath() : null;
		return (basePath != null) ? basePath : "";
	}

	/**
	 * Return the path patterns of the actuator's handler mappings in this context: its
	 * endpoints, Boot's additional health paths and {@code @ControllerEndpoint} ones.
	 * @param beanFactory the application's bean factory
	 * @return the patterns, relative to the base path
	 */
	static List<PathPattern> actuatorPatterns(ListableBeanFactory beanFactory) {
		if (!ACTUATOR_WEBFLUX_PRESENT) {
			return List.of();
		}
		Stream<RequestMappingInfoHandlerMapping> endpoints = beanFactory
			.getBeanProvider(AbstractWebFluxEndpointHandlerMapping.class)
			.orderedStream()
			.map(RequestMappingInfoHandlerMapping.class::cast);
		@SuppressWarnings("removal")
		Stream<RequestMappingInfoHandlerMapping> controllers = beanFactory
			.getBeanProvider(ControllerEndpointHandlerMapping.class)
			.orderedStream()
			.map(RequestMappingInfoHandlerMapping.class::cast);
		return Stream.concat(endpoints, controllers)
			.flatMap((mapping) -> mapping.getHandlerMethods().keySet().stream())
			.flatMap((info) -> info.getPatternsCondition().getPatterns().stream())
			.distinct()
			.toList();
	}

	/**
	 * Collect the mappings of WebFlux's annotated handler methods.
	 * @param handlerMappings the application's request mappings
	 * @return the mappings
	 */
	static List<HandlerMethodMapping> handlerMethods(Iterable<RequestMappingHandlerMapping> handlerMappings) {
		List<HandlerMethodMapping> mappings = new ArrayList<>();
		for (RequestMappingHandlerMapping handlerMapping : handlerMappings) {
			handlerMapping.getHandlerMethods()
				.forEach((info,
						handler) -> mappings.add(new HandlerMethodMapping(info.getPatternsCondition().getPatterns(),
								info.getMethodsCondition().getMethods(),
								HandlerMethodMapping.isAllowedInReadOnly(handler))));
		}
		return List.copyOf(mappings);
	}

	/**
	 * Return the path of an actuator endpoint within the application (after the base
	 * path), when this context's server serves it.
	 * @param beanFactory the application's bean factory
	 * @param endpoint the endpoint's id
	 * @return the path, or {@code ""} when the endpoint is not served here
	 */
	static String endpointPath(ListableBeanFactory beanFactory, String endpoint) {
		if (actuatorPatterns(beanFactory).isEmpty()) {
			return "";
		}
		PathMappedEndpoints endpoints = beanFactory.getBeanProvider(PathMappedEndpoints.class).getIfAvailable();
		String path = (endpoints != null) ? endpoints.getPath(EndpointId.of(endpoint)) : null;
		return (path != null) ? path : "";
	}

	/**
	 * Return the name of the cookie that carries the application's {@link WebSession},
	 * from its session manager.
	 * @param beanFactory the application's bean factory
	 * @return the cookie name, or {@code null} when the session is not kept in a cookie
	 */
	static @Nullable String sessionCookieName(ListableBeanFactory beanFactory) {
		WebSessionManager manager = beanFactory.getBeanProvider(WebSessionManager.class).getIfUnique();
		if (manager instanceof DefaultWebSessionManager defaultManager
				&& defaultManager.getSessionIdResolver() instanceof CookieWebSessionIdResolver cookies) {
			return cookies.getCookieName();
		}
		return null;
	}

}
