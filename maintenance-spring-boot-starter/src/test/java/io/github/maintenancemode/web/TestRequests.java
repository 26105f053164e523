package io.github.maintenancemode.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Builds {@link MaintenanceRequest}s for tests.
 */
public final class TestRequests {

	private String method = "GET";

	private final String path;

	private String remoteAddress = "192.0.2.1";

	private final Map<String, String> headers = new HashMap<>();

	private final Map<String, Object> sessionAttributes = new HashMap<>();

	private long sessionCreationTime = -1;

	private TestRequests(String path) {
		this.path = path;
	}

	public static MaintenanceRequest get(String path) {
		return to(path).build();
	}

	public static MaintenanceRequest of(String method, String path) {
		return to(path).method(method).build();
	}

	public static TestRequests to(String path) {
		return new TestRequests(path);
	}

	public TestRequests method(String method) {
		this.method = method;
		return this;
	}

	public TestRequests from(String remoteAddress) {
		this.remoteAddress = remoteAddress;
		return this;
	}

	public TestRequests header(String name, @Nullable String value) {
		if (value != null) {
			this.headers.put(name.toLowerCase(Locale.ROOT), value);
		}
		return this;
	}

	public TestRequests sessionAttribute(String name, Object value) {
		this.sessionAttributes.put(name, value);
		return sessionCreatedAt(Math.max(this.sessionCreationTime, 0));
	}

	public TestRequests sessionCreatedAt(long epochMillis) {
		this.sessionCreationTime = epochMillis;
		return this;
	}

	public MaintenanceRequest build() {
		String method = this.method;
		String path = this.path;
		String remoteAddress = this.remoteAddress;
		Map<String, String> headers = Map.copyOf(this.headers);
		Map<String, Object> sessionAttributes = Map.copyOf(this.sessionAttributes);
		long sessionCreationTime = this.sessionCreationTime;
		return new MaintenanceRequest() {

			@Override
			public String method() {
				return method;
			}

			@Override
			public String path() {
				return path;
			}

			@Override
			public @Nullable String remoteAddress() {
				return remoteAddress;
			}

			@Override
			public @Nullable String host() {
				return header("Host");
			}

			@Override
			public @Nullable String accept() {
				return header("Accept");
			}

			@Override
			public @Nullable String header(String name) {
				return headers.get(name.toLowerCase(Locale.ROOT));
			}

			@Override
			public @Nullable Object sessionAttribute(String name) {
				return sessionAttributes.get(name);
			}

			@Override
			public long sessionCreationTime() {
				return sessionCreationTime;
			}

			@Override
			public @Nullable String cookie(String name) {
				return null;
			}

		};
	}

}
