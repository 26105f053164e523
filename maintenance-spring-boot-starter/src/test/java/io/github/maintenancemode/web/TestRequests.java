package io.github.maintenancemode.web;

import org.jspecify.annotations.Nullable;

/**
 * Builds {@link MaintenanceRequest}s for tests.
 */
public final class TestRequests {

	private TestRequests() {
	}

	public static MaintenanceRequest get(String path) {
		return of("GET", path);
	}

	public static MaintenanceRequest of(String method, String path) {
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
				return "192.0.2.1";
			}

			@Override
			public @Nullable String host() {
				return "example.com";
			}

			@Override
			public @Nullable String accept() {
				return null;
			}

			@Override
			public @Nullable String header(String name) {
				return null;
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
				return null;
			}

		};
	}

}
