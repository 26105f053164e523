package io.github.maintenancemode.web;

/**
 * One IPv4 or IPv6 address or CIDR range, as 128-bit network and mask (IPv4 in its
 * IPv4-mapped IPv6 form).
 */
final class IpAddressRange {

	private final String text;

	private final long networkHigh;

	private final long networkLow;

	private final long maskHigh;

	private final long maskLow;

	private IpAddressRange(String text, long networkHigh, long networkLow, int prefixLength) {
		this.text = text;
		this.maskHigh = (prefixLength == 0) ? 0 : (prefixLength >= 64) ? -1L : -1L << (64 - prefixLength);
		this.maskLow = (prefixLength <= 64) ? 0 : (prefixLength == 128) ? -1L : -1L << (128 - prefixLength);
		this.networkHigh = networkHigh & this.maskHigh;
		this.networkLow = networkLow & this.maskLow;
	}

	/**
	 * Parse an address ({@code 10.0.0.1}, {@code 2001:db8::1}) or a range in CIDR
	 * notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}).
	 * @param entry the entry
	 * @return the range
	 * @throws IllegalArgumentException if the entry is neither
	 */
	static IpAddressRange parse(String entry) {
		String trimmed = entry.strip();
		int slash = trimmed.indexOf('/');
		String address = (slash >= 0) ? trimmed.substring(0, slash) : trimmed;
		long[] bits = new long[2];
		if (address.indexOf('%') >= 0 || address.startsWith("[") || !IpAddresses.parse(address, bits)) {
			throw invalid(entry, "not an IPv4 or IPv6 address");
		}
		boolean ipv4 = address.indexOf(':') < 0;
		int maxPrefix = ipv4 ? 32 : 128;
		int prefix = maxPrefix;
		if (slash >= 0) {
			String length = trimmed.substring(slash + 1);
			// ASCII digits only: Character.isDigit and Integer.parseInt also take other
			// scripts' digits
			if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch((c) -> c >= '0' && c <= '9')
					|| Integer.parseInt(length) > maxPrefix) {
				throw invalid(entry, "the prefix length must be 0 to " + maxPrefix);
			}
			prefix = Integer.parseInt(length);
		}
		return new IpAddressRange(entry, bits[0], bits[1], ipv4 ? 96 + prefix : prefix);
	}

	private static IllegalArgumentException invalid(String entry, String why) {
		return new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range: " + why);
	}

	boolean contains(long high, long low) {
		return (high & this.maskHigh) == this.networkHigh && (low & this.maskLow) == this.networkLow;
	}

	@Override
	public String toString() {
		return this.text;
	}

}
