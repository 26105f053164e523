package io.github.maintenancemode.web;

import java.util.Set;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The path patterns and methods of one of the application's handler methods, as the rules
 * that look at the request mappings see them, and whether it is {@link AllowInReadOnly}.
 *
 * @param patterns the handler's path patterns
 * @param methods its HTTP methods, empty for any
 * @param allowedInReadOnly whether it takes writes in read-only mode
 */
public record HandlerMethodMapping(Set<PathPattern> patterns, Set<RequestMethod> methods, boolean allowedInReadOnly) {

	/**
	 * Whether a handler method takes writes in read-only mode: it or its class is
	 * annotated with {@link AllowInReadOnly}.
	 * @param handler the handler method
	 * @return whether it is allowed in read-only mode
	 */
	public static boolean isAllowedInReadOnly(HandlerMethod handler) {
		return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), AllowInReadOnly.class)
				|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), AllowInReadOnly.class);
	}

	/**
	 * Whether this handler could take a request with the given path.
	 * @param path the parsed path
	 * @return whether a pattern matches
	 */
	boolean matches(PathContainer path) {
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether this handler could take a request with the given method and path.
	 * @param method the HTTP method
	 * @param path the parsed path
	 * @return whether it matches
	 */
	boolean matches(String method, PathContainer path) {
		if (!this.methods.isEmpty() && this.methods.stream().noneMatch((m) -> m.name().equals(method))) {
			return false;
		}
		return matches(path);
	}

}
