package io.github.maintenancemode.web;

import org.jspecify.annotations.Nullable;

/**
 * The representation of a maintenance response, chosen from the {@code Accept} header.
 * Only explicit media ranges count: a client that accepts anything ({@code *}{@code /*})
 * gets plain text; on equal quality HTML wins over JSON, and JSON over plain text.
 */
public enum MaintenanceResponseKind {

	/**
	 * The maintenance page.
	 */
	HTML,

	/**
	 * RFC 9457 problem details ({@code application/problem+json}).
	 */
	JSON,

	/**
	 * Plain text.
	 */
	PLAIN,

	/**
	 * A redirect to an external status page.
	 */
	REDIRECT;

	/**
	 * Choose the representation for an {@code Accept} header.
	 * @param accept the header value, or {@code null}
	 * @return {@link #HTML}, {@link #JSON} or {@link #PLAIN}
	 */
	public static MaintenanceResponseKind negotiate(@Nullable String accept) {
		if (accept == null || accept.isEmpty()) {
			return PLAIN;
		}
		// read in place, without a copy or a parsed object: this runs on every request
		// answered during maintenance
		double html = 0;
		double json = 0;
		double plain = 0;
		int length = accept.length();
		int start = 0;
		while (start < length) {
			int end = indexOf(accept, ',', start, length);
			int typeEnd = indexOf(accept, ';', start, end);
			int from = skipWhitespace(accept, start, typeEnd);
			int to = trimEnd(accept, from, typeEnd);
			double quality = (typeEnd < end) ? quality(accept, typeEnd + 1, end) : 1;
			if (is(accept, from, to, "text/html") || is(accept, from, to, "application/xhtml+xml")) {
				html = Math.max(html, quality);
			}
			else if (isJson(accept, from, to)) {
				json = Math.max(json, quality);
			}
			else if (is(accept, from, to, "text/plain") || is(accept, from, to, "text/*")) {
				plain = Math.max(plain, quality);
			}
			start = end + 1;
		}
		if (html > 0 && html >= json && html >= plain) {
			return HTML;
		}
		if (json > 0 && json >= plain) {
			return JSON;
		}
		return PLAIN;
	}

	private static boolean isJson(String accept, int from, int to) {
		if (is(accept, from, to, "application/json") || is(accept, from, to, "application/problem+json")
				|| is(accept, from, to, "application/*")) {
			return true;
		}
		// any application/...+json type
		return to - from >= "application/+json".length() && accept.regionMatches(true, from, "application/", 0, 12)
				&& accept.regionMatches(true, to - 5, "+json", 0, 5);
	}

	private static boolean is(String accept, int from, int to, String type) {
		return to - from == type.length() && accept.regionMatches(true, from, type, 0, type.length());
	}

	/**
	 * Return the quality of a media range from its parameters ({@code from} is just after
	 * its first {@code ;}): 1 without a {@code q} parameter, 0 when it is not a number
	 * between 0 and 1.
	 */
	private static double quality(String accept, int from, int to) {
		int start = from;
		while (start < to) {
			int end = indexOf(accept, ';', start, to);
			int name = skipWhitespace(accept, start, end);
			// parameter names are case-insensitive: "Q=0" refuses a range too
			if (end - name > 1 && (accept.charAt(name) == 'q' || accept.charAt(name) == 'Q')
					&& accept.charAt(name + 1) == '=') {
				int value = skipWhitespace(accept, name + 2, end);
				return qvalue(accept, value, trimEnd(accept, value, end));
			}
			start = end + 1;
		}
		return 1;
	}

	/**
	 * Read a number such as {@code 1}, {@code 0.8} or {@code .5}; anything else, and a
	 * number above 1, is 0.
	 */
	private static double qvalue(String accept, int from, int to) {
		double value = 0;
		double scale = 0;
		boolean digits = false;
		for (int i = from; i < to; i++) {
			char c = accept.charAt(i);
			if (c == '.' && scale == 0) {
				scale = 1;
			}
			else if (c >= '0' && c <= '9') {
				digits = true;
				if (scale == 0) {
					value = value * 10 + (c - '0');
				}
				else {
					scale /= 10;
					value += (c - '0') * scale;
				}
			}
			else {
				return 0;
			}
		}
		return (digits && value <= 1) ? value : 0;
	}

	private static int indexOf(String accept, char c, int from, int to) {
		for (int i = from; i < to; i++) {
			if (accept.charAt(i) == c) {
				return i;
			}
		}
		return to;
	}

	// whitespace as String.trim() sees it: any character up to the space
	private static int skipWhitespace(String accept, int from, int to) {
		int i = from;
		while (i < to && accept.charAt(i) <= ' ') {
			i++;
		}
		return i;
	}

	private static int trimEnd(String accept, int from, int to) {
		int i = to;
		while (i > from && accept.charAt(i - 1) <= ' ') {
			i--;
		}
		return i;
	}

}
