package io.github.maintenancemode.web;

/**
 * Parses IPv4 and IPv6 addresses into 128 bits without allocating: IPv4 addresses become
 * IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}), so one comparison serves both
 * families. Accepts the forms servlet containers report (full or compressed IPv6, an
 * embedded IPv4 tail, a zone id, brackets with the zone id inside or after them) and
 * rejects everything else, including IPv4 octets with leading zeros, which some parsers
 * read as octal.
 */
final class IpAddresses {

	static final long IPV4_MAPPED_PREFIX = 0xFFFF_0000_0000L;

	private IpAddresses() {
	}

	/**
	 * Parse an address.
	 * @param text the address
	 * @param out receives the high and low 64 bits
	 * @return whether the text is an address
	 */
	static boolean parse(String text, long[] out) {
		int start = 0;
		int end = text.length();
		if (end > 1 && text.charAt(0) == '[') {
			// "[address]", "[address%zone]" (RFC 6874) or "[address]%zone"
			int close = text.indexOf(']');
			if (close < 0 || (close + 1 < end && text.charAt(close + 1) != '%')) {
				return false;
			}
			start = 1;
			end = close;
		}
		int zone = text.indexOf('%', start);
		if (zone >= 0 && zone < end) {
			end = zone;
		}
		if (start >= end) {
			return false;
		}
		int colon = text.indexOf(':', start);
		if (colon < 0 || colon >= end) {
			long ipv4 = parseIpv4(text, start, end);
			if (ipv4 < 0) {
				return false;
			}
			out[0] = 0;
			out[1] = IPV4_MAPPED_PREFIX | ipv4;
			return true;
		}
		return parseIpv6(text, start, end, out);
	}

	static long parseIpv4(String text, int start, int end) {
		long value = 0;
		int octets = 0;
		int i = start;
		while (i < end) {
			int octet = 0;
			int digits = 0;
			char first = text.charAt(i);
			while (i < end && text.charAt(i) != '.') {
				char c = text.charAt(i);
				if (c < '0' || c > '9' || ++digits > 3) {
					return -1;
				}
				octet = octet * 10 + (c - '0');
				i++;
			}
			if (digits == 0 || octet > 255 || (digits > 1 && first == '0') || ++octets > 4) {
				return -1;
			}
			value = (value << 8) | octet;
			if (i < end) {
				i++;
				if (i == end) {
					return -1;
				}
			}
		}
		return (octets == 4) ? value : -1;
	}

	private static boolean parseIpv6(String text, int start, int end, long[] out) {
		long headHigh = 0;
		long headLow = 0;
		long tailHigh = 0;
		long tailLow = 0;
		int headGroups = 0;
		int tailGroups = 0;
		boolean compressed = false;
		int i = start;
		if (text.startsWith("::", i)) {
			compressed = true;
			i += 2;
		}
		else if (text.charAt(i) == ':') {
			return false;
		}
		while (i < end) {
			int groupEnd = i;
			boolean dotted = false;
			while (groupEnd < end && text.charAt(groupEnd) != ':') {
				dotted |= text.charAt(groupEnd) == '.';
				groupEnd++;
			}
			long value;
			int groups;
			if (dotted) {
				if (groupEnd != end) {
					return false;
				}
				value = parseIpv4(text, i, end);
				groups = 2;
			}
			else {
				value = parseGroup(text, i, groupEnd);
				groups = 1;
			}
			if (value < 0 || headGroups + tailGroups + groups > 8) {
				return false;
			}
			if (compressed) {
				tailHigh = (tailHigh << (16 * groups)) | (tailLow >>> (64 - 16 * groups));
				tailLow = (tailLow << (16 * groups)) | value;
				tailGroups += groups;
			}
			else {
				headHigh = (headHigh << (16 * groups)) | (headLow >>> (64 - 16 * groups));
				headLow = (headLow << (16 * groups)) | value;
				headGroups += groups;
			}
			i = groupEnd;
			if (i < end) {
				i++;
				if (i < end && text.charAt(i) == ':') {
					if (compressed) {
						return false;
					}
					compressed = true;
					i++;
				}
				else if (i == end) {
					return false;
				}
			}
		}
		int groups = headGroups + tailGroups;
		if (compressed ? groups > 7 : groups != 8) {
			return false;
		}
		for (int shift = headGroups; shift < 8; shift++) {
			headHigh = (headHigh << 16) | (headLow >>> 48);
			headLow = headLow << 16;
		}
		out[0] = headHigh | tailHigh;
		out[1] = headLow | tailLow;
		return true;
	}

	private static long parseGroup(String text, int start, int end) {
		if (start == end || end - start > 4) {
			return -1;
		}
		long value = 0;
		for (int i = start; i < end; i++) {
			int digit = hexDigit(text.charAt(i));
			if (digit < 0) {
				return -1;
			}
			value = (value << 4) | digit;
		}
		return value;
	}

	/**
	 * The value of an ASCII hex digit, or -1: unlike {@link Character#digit(char, int)},
	 * digits of other scripts ({@code ١}, {@code １}) are not hex digits.
	 */
	static int hexDigit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

}
