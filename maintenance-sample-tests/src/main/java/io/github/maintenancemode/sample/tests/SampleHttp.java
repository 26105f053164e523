package io.github.maintenancemode.sample.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * A small HTTP client for the sample applications' end-to-end tests.
 */
public final class SampleHttp {

	/**
	 * The sample's operator, who may call the actuator.
	 */
	public static final String USER = "admin";

	/**
	 * The operator's password.
	 */
	public static final String PASSWORD = "change-me";

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	/**
	 * Create a client of the sample on a port of the loopback address.
	 * @param port the port
	 */
	public SampleHttp(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * Send a {@code GET}.
	 * @param path the path and query
	 * @param accept the {@code Accept} header
	 * @return the response
	 */
	public HttpResponse<String> get(String path, String accept) {
		return send(request(path).header("Accept", accept).GET());
	}

	/**
	 * Send a request that accepts JSON.
	 * @param method the method
	 * @param path the path and query
	 * @param json the JSON body, or {@code null}
	 * @param credentials {@code user:password} for HTTP Basic, or {@code null}
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, @Nullable String json, @Nullable String credentials) {
		HttpRequest.Builder request = request(path).header("Accept", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return send(request);
	}

	/**
	 * Call the {@code maintenance} endpoint as the operator.
	 * @param method the method
	 * @param json the JSON body, or {@code null}
	 * @return the response
	 */
	public HttpResponse<String> admin(String method, @Nullable String json) {
		return send(method, "/actuator/maintenance", json, USER + ":" + PASSWORD);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(10));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
