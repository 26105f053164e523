package io.github.maintenancemode.sample.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * A small HTTP client for the reliability tests, on the loopback interface only: requests
 * through {@link HttpClient}, and raw requests over a socket for what that client refuses
 * to send (a {@code Host} header, odd request targets).
 */
final class ReliabilityHttp {

	static final String ADMIN = "admin:change-me";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int port;

	ReliabilityHttp(int port) {
		this.port = port;
	}

	int port() {
		return this.port;
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
	}

	HttpResponse<String> get(String path, String accept) {
		return send(request(path).header("Accept", accept).GET().build());
	}

	CompletableFuture<HttpResponse<String>> getAsync(String path, String accept) {
		return this.client.sendAsync(request(path).header("Accept", accept).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> send(String method, String path, @Nullable String body, @Nullable String contentType,
			@Nullable String credentials) {
		HttpRequest.Builder request = request(path).header("Accept", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (credentials != null) {
			request.header("Authorization", basic(credentials));
		}
		return send(request.build());
	}

	/**
	 * Call the maintenance endpoint as the operator.
	 * @param method {@code GET}, {@code POST} or {@code DELETE}
	 * @param json the body of a {@code POST}
	 * @return the response
	 */
	HttpResponse<String> admin(String method, @Nullable String json) {
		return send(method, "/actuator/maintenance", json, (json != null) ? "application/json" : null, ADMIN);
	}

	HttpResponse<String> send(HttpRequest request) {
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

	<T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
			throws IOException, InterruptedException {
		return this.client.send(request, handler);
	}

	/**
	 * Send a raw HTTP/1.1 request (which must ask for {@code Connection: close}) and read
	 * the whole response.
	 * @param request the request head and body
	 * @return the response, decoded as ISO-8859-1
	 */
	String raw(String request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

}
