package io.github.maintenancemode.web;

import java.util.List;
import java.util.Locale;

import io.github.maintenancemode.MaintenanceState;

import org.springframework.core.Ordered;

/**
 * Lets through requests for the configured host names (a staff-only domain): exact,
 * case-insensitive, with an optional port. An entry without a port matches any port. Only
 * safe where the front proxy routes that name from the internal network, since clients
 * choose the {@code Host} header.
 */
public class HostAccessRule implements MaintenanceAccessRule, Ordered {

	/**
	 * The order of this rule.
	 */
	public static final int ORDER = 300;

	private final String[] hosts;

	/**
	 * Create the rule.
	 * @param hosts host names, each optionally with {@code :port}
	 * @throws IllegalArgumentException naming the first invalid entry
	 */
	public HostAccessRule(List<String> hosts) {
		this.hosts = hosts.stream().map(HostAccessRule::validate).toArray(String[]::new);
	}

	private static String validate(String entry) {
		String host = entry.strip().toLowerCase(Locale.ROOT);
		int colon = host.lastIndexOf(':');
		String name = (colon >= 0) ? host.substring(0, colon) : host;
		String port = (colon >= 0) ? host.substring(colon + 1) : "0";
		boolean validName = !name.isEmpty() && name.chars()
			.allMatch((c) -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.');
		boolean validPort = !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit)
				&& Integer.parseInt(port) <= 65535;
		if (!validName || !validPort || name.startsWith(".") || name.endsWith(".")) {
			throw new IllegalArgumentException(
					"'" + entry + "' is not a host name, optionally with :port, such as staff.example.com:8443");
		}
		return host;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean admits(MaintenanceRequest request, MaintenanceState state) {
		if (this.hosts.length == 0) {
			return false;
		}
		String host = request.host();
		if (host == null) {
			return false;
		}
		for (String allowed : this.hosts) {
			if (matches(allowed, host)) {
				return true;
			}
		}
		return false;
	}

	private static boolean matches(String allowed, String host) {
		if (host.length() == allowed.length()) {
			return startsWithIgnoringAsciiCase(host, allowed);
		}
		// an entry without a port matches the host with any port
		return host.length() > allowed.length() && host.charAt(allowed.length()) == ':' && allowed.indexOf(':') < 0
				&& startsWithIgnoringAsciiCase(host, allowed);
	}

	/**
	 * Compare ignoring ASCII case only: Java's own case-insensitive comparison also folds
	 * letters such as {@code ſ} (to {@code S}) or the Kelvin sign (to {@code k}), which
	 * would let {@code ſtaff.example.com} pass as {@code staff.example.com}.
	 * @param host the header
	 * @param allowed an entry, lower case ASCII
	 */
	private static boolean startsWithIgnoringAsciiCase(String host, String allowed) {
		for (int i = 0; i < allowed.length(); i++) {
			char c = host.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				c = (char) (c + ('a' - 'A'));
			}
			if (c != allowed.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
