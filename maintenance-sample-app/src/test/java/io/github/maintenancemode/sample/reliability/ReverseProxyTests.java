package io.github.maintenancemode.sample.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.MaintenanceMode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The set-up the README recommends behind a reverse proxy, proven with a real nginx
 * (Debian's package) in front of the sample on loopback: Tomcat's {@code native}
 * forward-headers strategy with the proxy as the only internal proxy. Clients connect
 * from loopback addresses of their own: {@code 127.0.0.2} is allowed, {@code 127.0.0.3}
 * is not and claims to be {@code 127.0.0.2} with its own {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.job.interval=1h", "maintenance.allow.ip-addresses=127.0.0.2", "server.address=127.0.0.1",
				"server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1" })
class ReverseProxyTests {

	private static final String ALLOWED = "127.0.0.2";

	private static final String OTHER = "127.0.0.3";

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@TempDir
	private Path directory;

	private Process nginx;

	private int proxyPort;

	@BeforeEach
	void startNginx() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			this.proxyPort = socket.getLocalPort();
		}
		String config = """
				daemon off;
				user root;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log;
				events { worker_connections 64; }
				http {
				  access_log off;
				  client_body_temp_path %1$s/body;
				  proxy_temp_path %1$s/proxy;
				  fastcgi_temp_path %1$s/fastcgi;
				  uwsgi_temp_path %1$s/uwsgi;
				  scgi_temp_path %1$s/scgi;
				  server {
				    listen 127.0.0.1:%2$d;
				    location / {
				      proxy_pass http://127.0.0.1:%3$d;
				      proxy_set_header Host $host;
				      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
				      proxy_set_header X-Forwarded-Proto $scheme;
				    }
				  }
				}
				""".formatted(this.directory, this.proxyPort, this.port);
		Path file = this.directory.resolve("nginx.conf");
		Files.writeString(file, config);
		this.nginx = new ProcessBuilder("nginx", "-c", file.toString(), "-p", this.directory.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("nginx.out").toFile())
			.start();
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get(ALLOWED, null) > 0);
	}

	@AfterEach
	void stopNginx() throws Exception {
		this.maintenanceMode.disable();
		this.nginx.destroy();
		this.nginx.waitFor(10, TimeUnit.SECONDS);
	}

	@Test
	void allowedClientPassesThroughTheProxyAndAClaimedAddressDoesNot() throws Exception {
		this.maintenanceMode.enable("Upgrade");
		assertThat(get(ALLOWED, null)).as("allowed client").isEqualTo(200);
		assertThat(get(OTHER, null)).as("other client").isEqualTo(503);
		assertThat(get(OTHER, ALLOWED)).as("other client claiming the allowed address").isEqualTo(503);
		assertThat(get(OTHER, ALLOWED + ", " + ALLOWED)).as("other client claiming it twice").isEqualTo(503);
		assertThat(get(OTHER, "127.0.0.1")).as("other client claiming to be the proxy").isEqualTo(503);
	}

	private int get(String from, @Nullable String forwardedFor) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.proxyPort), 5_000);
			socket.setSoTimeout(10_000);
			String request = "GET /api/notes HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
					+ ((forwardedFor != null) ? "X-Forwarded-For: " + forwardedFor + "\r\n" : "")
					+ "Connection: close\r\n\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(response);
			String text = response.toString(StandardCharsets.ISO_8859_1);
			return Integer.parseInt(text.substring(9, 12));
		}
	}

}
