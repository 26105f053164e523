package io.github.maintenancemode.fuzz;

import java.util.Locale;

import io.github.maintenancemode.web.MaintenanceRequest;
import org.jspecify.annotations.Nullable;

/**
 * A generated request, as the access rules see it.
 *
 * @param method the method
 * @param path the decoded, normalized path
 * @param remoteAddress the client address
 * @param host the {@code Host} header
 * @param accept the {@code Accept} header
 * @param bypassCookie the value of the bypass cookie
 */
record FuzzRequest(String method, @Nullable String path, @Nullable String remoteAddress, @Nullable String host,
		@Nullable String accept, @Nullable String bypassCookie) implements MaintenanceRequest {

	static FuzzRequest withPath(String path) {
		return new FuzzRequest("GET", path, "192.0.2.1", null, null, null);
	}

	static FuzzRequest from(@Nullable String remoteAddress) {
		return new FuzzRequest("GET", "/", remoteAddress, null, null, null);
	}

	static FuzzRequest withHost(@Nullable String host) {
		return new FuzzRequest("GET", "/", "192.0.2.1", host, null, null);
	}

	static FuzzRequest withCookie(@Nullable String value) {
		return new FuzzRequest("GET", "/", "192.0.2.1", null, null, value);
	}

	@Override
	public @Nullable String header(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "host" -> this.host;
			case "accept" -> this.accept;
			default -> null;
		};
	}

	@Override
	public @Nullable Object sessionAttribute(String name) {
		return null;
	}

	@Override
	public long sessionCreationTime() {
		return -1;
	}

	@Override
	public @Nullable String cookie(String name) {
		return "maintenance-bypass".equals(name) ? this.bypassCookie : null;
	}

}
