package io.github.maintenancemode.web;

import java.util.Locale;

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
		double html = 0;
		double json = 0;
		double plain = 0;
		int start = 0;
		while (start < accept.length()) {
			int end = accept.indexOf(',', start);
			if (end < 0) {
				end = accept.length();
			}
			int paramsAt = accept.indexOf(';', start);
			int typeEnd = (paramsAt >= 0 && paramsAt < end) ? paramsAt : end;
			String range = accept.substring(start, typeEnd).trim().toLowerCase(Locale.ROOT);
			double quality = (typeEnd < end) ? quality(accept.substring(typeEnd, end)) : 1;
			if (range.equals("text/html") || range.equals("application/xhtml+xml")) {
				html = Math.max(html, quality);
			}
			else if (range.equals("application/json") || range.equals("application/problem+json")
					|| range.equals("application/*") || (range.startsWith("application/") && range.endsWith("+json"))) {
				json = Math.max(json, quality);
			}
			else if (range.equals("text/plain") || range.equals("text/*")) {
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

	private static double quality(String parameters) {
		for (String parameter : parameters.split(";")) {
			String trimmed = parameter.trim();
			// parameter names are case-insensitive: "Q=0" refuses a range too
			if (trimmed.length() > 1 && (trimmed.charAt(0) == 'q' || trimmed.charAt(0) == 'Q')
					&& trimmed.charAt(1) == '=') {
				try {
					double q = Double.parseDouble(trimmed.substring(2));
					return (q >= 0 && q <= 1) ? q : 0;
				}
				catch (NumberFormatException ex) {
					return 0;
				}
			}
		}
		return 1;
	}

}
