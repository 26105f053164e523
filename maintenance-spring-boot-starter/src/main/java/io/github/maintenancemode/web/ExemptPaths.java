package io.github.maintenancemode.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.http.server.PathContainer;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The requests that always pass, whatever the state: those that the actuator's handler
 * mappings will handle (its endpoints, the health probes and Boot's additional probe
 * paths, under whatever base path, context path and servlet path), and safe requests for
 * the page's own assets ({@code /maintenance-assets/**}). The patterns are the ones the
 * handler mappings registered, taken from them on first use, and matched against the path
 * the handler mapping matches: a request whose raw URI is not canonical is never exempt.
 * <p>
 * A request that cannot be exempt (no pattern's literal prefix matches) is told so
 * without allocating.
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

	private static final PathPattern ASSETS = PathPatternParser.defaultInstance.parse(ASSETS_PATH + "/**");

	private final SingletonSupplier<Patterns> patterns;

	/**
	 * Create the exempt paths.
	 * @param actuatorPatterns the path patterns of the actuator's handler mappings (asked
	 * once, on first use, when the mappings are complete)
	 */
	public ExemptPaths(Supplier<? extends Collection<PathPattern>> actuatorPatterns) {
		this.patterns = SingletonSupplier.of(() -> new Patterns(List.copyOf(actuatorPatterns.get())));
	}

	/**
	 * Decide whether a request is exempt.
	 * @param method the HTTP method
	 * @param uri the raw request URI
	 * @param offset where the path that the handler mapping matches starts in {@code uri}
	 * (after the context path and the dispatcher servlet's prefix), or -1 when the
	 * request is outside the dispatcher servlet
	 * @return how the request is exempt
	 */
	public Exemption exemptionOf(String method, String uri, int offset) {
		if (offset < 0) {
			return Exemption.NONE;
		}
		if (uri.length() == offset + STATUS_PATH.length() && uri.startsWith(STATUS_PATH, offset)) {
			return Exemption.STATUS;
		}
		Patterns patterns = this.patterns.obtain();
		if (!patterns.couldMatch(uri, offset) || !CanonicalPaths.isCanonical(uri)) {
			return Exemption.NONE;
		}
		PathContainer path = PathContainer.parsePath(uri.substring(offset));
		if (ASSETS.matches(path)) {
			return MaintenanceDecider.isSafe(method) ? Exemption.PASS : Exemption.NONE;
		}
		for (PathPattern pattern : patterns.actuator) {
			if (pattern.matches(path)) {
				return Exemption.PASS;
			}
		}
		return Exemption.NONE;
	}

	/**
	 * How a request is exempt.
	 */
	public enum Exemption {

		/**
		 * Not exempt: the request is decided by the state and the access rules.
		 */
		NONE,

		/**
		 * The page's return poll, answered by the filter itself.
		 */
		STATUS,

		/**
		 * Passes to the application, uncounted.
		 */
		PASS

	}

	/**
	 * The patterns, with the literal prefix of each (up to its last slash before a
	 * wildcard or variable) for the allocation-free first check.
	 */
	private static final class Patterns {

		private final PathPattern[] actuator;

		private final String[] prefixes;

		Patterns(List<PathPattern> actuator) {
			this.actuator = actuator.toArray(PathPattern[]::new);
			List<String> prefixes = new ArrayList<>();
			prefixes.add(ASSETS_PATH);
			for (PathPattern pattern : actuator) {
				String prefix = literalPrefix(pattern.getPatternString());
				if (!prefixes.contains(prefix)) {
					prefixes.add(prefix);
				}
			}
			this.prefixes = prefixes.toArray(String[]::new);
		}

		private static String literalPrefix(String pattern) {
			int end = pattern.length();
			for (int i = 0; i < pattern.length(); i++) {
				char c = pattern.charAt(i);
				if (c == '*' || c == '?' || c == '{') {
					end = pattern.lastIndexOf('/', i);
					break;
				}
			}
			return pattern.substring(0, Math.max(end, 0));
		}

		boolean couldMatch(String uri, int offset) {
			for (String prefix : this.prefixes) {
				if (uri.startsWith(prefix, offset)) {
					return true;
				}
			}
			return false;
		}

	}

}
