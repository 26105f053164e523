package io.github.maintenancemode.benchmarks;

import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A mock request whose header lookup allocates nothing, like a servlet container's, which
 * compares the header names it parsed in place. The plain mock lower-cases the name on
 * every lookup ({@code LinkedCaseInsensitiveMap}), which would count against the filter.
 */
final class BenchmarkRequest extends MockHttpServletRequest {

	private static final int MAX_HEADERS = 8;

	private final String[] headerNames = new String[MAX_HEADERS];

	private final String[] headerValues = new String[MAX_HEADERS];

	private int headerCount;

	/**
	 * A {@code GET} of the given path, as the dispatcher servlet mapped to {@code /} sees
	 * it: the whole path is the servlet path.
	 * @param path the path
	 */
	BenchmarkRequest(String path) {
		super("GET", path);
		setServletPath(path);
	}

	/**
	 * Add a header.
	 * @param name the header name
	 * @param value the header value
	 * @return this request
	 */
	BenchmarkRequest header(String name, String value) {
		this.headerNames[this.headerCount] = name;
		this.headerValues[this.headerCount] = value;
		this.headerCount++;
		addHeader(name, value);
		return this;
	}

	/**
	 * Set the cookies.
	 * @param cookies the cookies
	 * @return this request
	 */
	BenchmarkRequest cookies(Cookie... cookies) {
		setCookies(cookies);
		return this;
	}

	@Override
	public @Nullable String getHeader(String name) {
		for (int i = 0; i < this.headerCount; i++) {
			if (this.headerNames[i].equalsIgnoreCase(name)) {
				return this.headerValues[i];
			}
		}
		return null;
	}

}
