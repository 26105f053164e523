package io.github.maintenancemode.web;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * Parses a {@link MaintenanceRequest#path()} as Spring MVC's handler mapping parses the
 * request path: split into segments, each decoded once.
 */
final class HandlerPaths {

	private HandlerPaths() {
	}

	/**
	 * Parse a raw path.
	 * @param path the raw path, as the handler mapping matches it
	 * @return the parsed path, or {@code null} when it cannot be decoded (no handler
	 * mapping can route it either)
	 */
	static @Nullable PathContainer parse(String path) {
		try {
			return PathContainer.parsePath(path);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
