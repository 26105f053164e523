package io.github.maintenancemode.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plain HTTP to an application on the loopback interface, without following redirects and
 * without a cookie store: each test says which cookies it sends.
 */
final class Http {

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int port;

	Http(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET().build());
	}

	HttpResponse<String> basic(String path, String username, String password) {
		String credentials = Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return get(path, "Authorization", "Basic " + credentials);
	}

	HttpResponse<String> postForm(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(request(path, "Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * Return the cookies a response sets, as a {@code Cookie} header value.
	 */
	static String cookies(HttpResponse<?> response) {
		List<String> cookies = new ArrayList<>();
		for (String header : response.headers().allValues("Set-Cookie")) {
			String cookie = header.split(";", 2)[0];
			if (!cookie.endsWith("=")) {
				cookies.add(cookie);
			}
		}
		return String.join("; ", cookies);
	}

	/**
	 * Return one cookie a response sets, as a {@code Cookie} header value.
	 */
	static String cookie(HttpResponse<?> response, String name) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			String cookie = header.split(";", 2)[0];
			if (cookie.startsWith(name + "=") && !cookie.endsWith("=")) {
				return cookie;
			}
		}
		throw new AssertionError("No cookie " + name + " in " + response.headers().allValues("Set-Cookie"));
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
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
