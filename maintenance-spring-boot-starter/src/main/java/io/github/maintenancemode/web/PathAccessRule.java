package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.MaintenanceState;

import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Lets through requests whose path matches one of the configured {@link PathPattern
 * patterns}. Each pattern's literal prefix is checked first, so a path that cannot match
 * is refused without parsing it. The path is the one the handler mapping matches, parsed
 * as Spring MVC parses it; a request whose raw URI is not canonical has none and is never
 * admitted here.
 */
public class PathAccessRule implements MaintenanceAccessRule, Ordered {

	/**
	 * The order of this rule: asked first.
	 */
	public static final int ORDER = 100;

	private final String[] prefixes;

	private final PathPattern[] patterns;

	public PathAccessRule(List<String> patterns) {
		this.patterns = new PathPattern[patterns.size()];
		this.prefixes = new String[patterns.size()];
		for (int i = 0; i < patterns.size(); i++) {
			String pattern = patterns.get(i);
			try {
				this.patterns[i] = PathPatternParser.defaultInstance.parse(pattern);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("'" + pattern + "' is not a valid path pattern: " + ex.getMessage(),
						ex);
			}
			this.prefixes[i] = literalPrefix(this.patterns[i].getPatternString());
		}
	}

	private static String literalPrefix(String pattern) {
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '*' || c == '?' || c == '{') {
				return pattern.substring(0, i);
			}
		}
		return pattern;
	}

	private static boolean couldMatch(String path, String prefix) {
		if (path.startsWith(prefix)) {
			return true;
		}
		// "/docs/**" also matches "/docs"
		return prefix.length() == path.length() + 1 && prefix.endsWith("/") && prefix.startsWith(path);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean admits(MaintenanceRequest request, MaintenanceState state) {
		String path = request.path();
		if (path == null) {
			return false;
		}
		PathContainer container = null;
		for (int i = 0; i < this.patterns.length; i++) {
			if (couldMatch(path, this.prefixes[i])) {
				if (container == null) {
					container = HandlerPaths.parse(path);
					if (container == null) {
						return false;
					}
				}
				if (this.patterns[i].matches(container)) {
					return true;
				}
			}
		}
		return false;
	}

}
