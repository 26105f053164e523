package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.MaintenanceState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;

/**
 * Lets through clients whose address matches one of the configured IPv4/IPv6 addresses or
 * CIDR ranges. The address is the one the server resolved ({@code getRemoteAddr()}, which
 * Spring Boot sets from forwarded headers when {@code server.forward-headers-strategy}
 * says so); forwarded headers are never read here. Each rule is a masked comparison of
 * 128 bits: constant time, no allocation.
 */
public class IpAddressAccessRule implements MaintenanceAccessRule, Ordered {

	/**
	 * The order of this rule.
	 */
	public static final int ORDER = 200;

	private static final Log logger = LogFactory.getLog(IpAddressAccessRule.class);

	private static final String[] FORWARDED_HEADERS = { "Forwarded", "X-Forwarded-For" };

	private static final ThreadLocal<long[]> ADDRESS = ThreadLocal.withInitial(() -> new long[2]);

	private final IpAddressRange[] ranges;

	private volatile boolean warnAboutForwardedHeaders;

	/**
	 * Create the rule.
	 * @param entries addresses and CIDR ranges
	 * @param forwardedHeadersHandled whether the server applies forwarded headers (a
	 * {@code server.forward-headers-strategy} other than {@code none}); when not, the
	 * first request that carries such headers logs a warning
	 * @throws IllegalArgumentException naming the first invalid entry
	 */
	public IpAddressAccessRule(List<String> entries, boolean forwardedHeadersHandled) {
		this.ranges = entries.stream().map(IpAddressRange::parse).toArray(IpAddressRange[]::new);
		this.warnAboutForwardedHeaders = !forwardedHeadersHandled && this.ranges.length > 0;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean admits(MaintenanceRequest request, MaintenanceState state) {
		if (this.ranges.length == 0) {
			return false;
		}
		if (this.warnAboutForwardedHeaders) {
			warnIfForwarded(request);
		}
		String address = request.remoteAddress();
		long[] bits = ADDRESS.get();
		if (address == null || !IpAddresses.parse(address, bits)) {
			return false;
		}
		for (IpAddressRange range : this.ranges) {
			if (range.contains(bits[0], bits[1])) {
				return true;
			}
		}
		return false;
	}

	private void warnIfForwarded(MaintenanceRequest request) {
		for (String header : FORWARDED_HEADERS) {
			if (request.header(header) != null) {
				this.warnAboutForwardedHeaders = false;
				logger.warn("maintenance.allow.ip-addresses is set and requests arrive with a " + header
						+ " header, but server.forward-headers-strategy is not set: the rules see the proxy's "
						+ "address, not the client's. Behind a trusted proxy on Tomcat, set "
						+ "server.forward-headers-strategy=native and server.tomcat.remoteip.internal-proxies to the "
						+ "proxies' addresses only (its default trusts every private range); 'framework' trusts the "
						+ "leftmost X-Forwarded-For of any client and lets a client claim an allowed address.");
				return;
			}
		}
	}

}
