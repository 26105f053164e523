package io.github.maintenancemode.web.reactive;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Switching maintenance on and off over one keep-alive connection, with refusals that the
 * filter answers at once between requests that the actuator answers on another thread. On
 * Reactor Netty 1.3.7 the server stopped reading such a connection after a request
 * buffered behind the previous one completed at once (reactor/reactor-netty#4361), and
 * the next request hung within a few dozen rounds; the build uses 1.3.8.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"management.endpoints.web.exposure.include=health,maintenance",
				"management.endpoint.maintenance.access=unrestricted" })
class KeepAliveConnectionTests {

	private static final int ROUNDS = 100;

	@LocalServerPort
	private int port;

	@Test
	void everyRequestOnOneConnectionIsAnswered() {
		WebTestClient client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(5))
			.build();
		for (int round = 0; round < ROUNDS; round++) {
			client.post()
				.uri("/actuator/maintenance")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"enabled\": true, \"reason\": \"Upgrade\"}")
				.exchange()
				.expectStatus()
				.is2xxSuccessful();
			client.get().uri("/hello").exchange().expectStatus().isEqualTo(503);
			client.delete().uri("/actuator/maintenance").exchange().expectStatus().is2xxSuccessful();
			client.get().uri("/hello").exchange().expectStatus().isOk();
		}
	}

}
