package io.github.maintenancemode.web;

/**
 * Tells whether a raw request URI is in canonical form: one that the servlet container
 * and the handler mapping read as the same path. Only such a URI may be exempt from
 * maintenance or admitted by a path rule: for any other, the container's normalized path
 * (which resolves dot segments, drops {@code ;} parameters and decodes) and the path that
 * Spring MVC matches (the raw URI, neither resolved nor decoded) can name different
 * resources, and deciding on one while the application routes on the other lets requests
 * around maintenance.
 */
final class CanonicalPaths {

	private CanonicalPaths() {
	}

	/**
	 * Return whether the raw URI is canonical: it starts with a slash and has no empty
	 * segment (a doubled slash), no {@code .} or {@code ..} segment, no {@code ;}, no
	 * backslash, no control character, and no percent-encoding that is malformed or
	 * encodes {@code .}, {@code /}, {@code \}, {@code %}, {@code ;} or a control
	 * character. Allocates nothing.
	 * @param uri the raw request URI, without the query
	 * @return whether it is canonical
	 */
	static boolean isCanonical(String uri) {
		int length = uri.length();
		if (length == 0 || uri.charAt(0) != '/') {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = uri.charAt(i);
			if (c == '/') {
				if (isDotSegmentOrEmpty(uri, i + 1)) {
					return false;
				}
			}
			else if (c == '%') {
				int high = (i + 2 < length) ? IpAddresses.hexDigit(uri.charAt(i + 1)) : -1;
				int low = (i + 2 < length) ? IpAddresses.hexDigit(uri.charAt(i + 2)) : -1;
				int decoded = (high < 0 || low < 0) ? -1 : (high << 4) | low;
				if (decoded < 0 || decoded == '.' || decoded == '/' || decoded == '%' || isAmbiguous((char) decoded)) {
					return false;
				}
				i += 2;
			}
			else if (isAmbiguous(c)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isDotSegmentOrEmpty(String uri, int start) {
		int end = uri.indexOf('/', start);
		int length = ((end < 0) ? uri.length() : end) - start;
		if (length == 0) {
			// "//" is empty; a trailing slash is not
			return end >= 0;
		}
		return (length == 1 && uri.charAt(start) == '.')
				|| (length == 2 && uri.charAt(start) == '.' && uri.charAt(start + 1) == '.');
	}

	private static boolean isAmbiguous(char c) {
		return c == ';' || c == '\\' || c < 0x20 || c == 0x7f;
	}

}
