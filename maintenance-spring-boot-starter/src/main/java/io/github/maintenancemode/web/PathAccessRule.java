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
 * is refused without parsing it. The request's path is already decoded, so it is matched
 * as it is: a {@code %} in it is a literal character, never decoded a second time (which
 * would let {@code /files/a%2Etxt} match {@code /files/{name}.txt} and make
 * {@code /open/%zz} fail).
 */
public class PathAccessRule implements MaintenanceAccessRule, Ordered {

	/**
	 * The order of this rule: asked first.
	 */
	public static final int ORDER = 100;

	/**
	 * How to split a {@link MaintenanceRequest#path()}, which is decoded already:
	 * decoding it again would misread a literal '%'.
	 */
	static final PathContainer.Options DECODED_PATH = PathContainer.Options.create('/', false);

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
				throw new IllegalArgumentException(
						"Invalid maintenance.allow.paths entry '" + pattern + "': " + ex.getMessage(), ex);
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
		PathContainer container = null;
		for (int i = 0; i < this.patterns.length; i++) {
			if (couldMatch(path, this.prefixes[i])) {
				if (container == null) {
					container = PathContainer.parsePath(path, DECODED_PATH);
				}
				if (this.patterns[i].matches(container)) {
					return true;
				}
			}
		}
		return false;
	}

}
