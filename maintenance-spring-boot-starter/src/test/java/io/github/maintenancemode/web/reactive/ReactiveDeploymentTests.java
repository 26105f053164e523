package io.github.maintenancemode.web.reactive;

import java.time.Duration;
import java.time.Instant;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive filter in set-ups that differ from the default: a WebFlux base path, and
 * the actuator on a separate management port, whose server Boot builds from the
 * application's web filters too.
 */
class ReactiveDeploymentTests {

	@Test
	void underABasePathTheRulesSeeThePathWithinTheApplication() {
		try (ConfigurableApplicationContext context = start("spring.webflux.base-path=/shop",
				"maintenance.allow.paths=/open/**")) {
			WebTestClient client = client(context, "local.server.port");
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			client.get().uri("/shop/hello").exchange().expectStatus().isEqualTo(503);
			client.get().uri("/shop/open/hello").exchange().expectStatus().isOk();
			client.get().uri("/shop/actuator/health").exchange().expectStatus().isOk();
			client.get()
				.uri("/shop/maintenance-assets/status")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((body) -> assertThat(body).startsWith("{\"active\":true"));
			client.get()
				.uri("/shop/hello")
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody(String.class)
				.value((body) -> assertThat(body)
					.contains("var statusUrl = \"\\/shop\\/maintenance-assets\\/status\";"));
		}
	}

	@Test
	void onASeparateManagementPortTheActuatorAnswersAndTheMainPortExemptsNothing() {
		try (ConfigurableApplicationContext context = start("management.server.port=0",
				// the test class path has Jetty and Tomcat too: the management
				// server is Netty's
				"spring.autoconfigure.exclude="
						+ "org.springframework.boot.jetty.autoconfigure.actuate.web.server.JettyReactiveManagementContextAutoConfiguration,"
						+ "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration")) {
			WebTestClient main = client(context, "local.server.port");
			WebTestClient management = client(context, "local.management.port");
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			management.get().uri("/actuator/health").exchange().expectStatus().isOk();
			management.get().uri("/actuator/maintenance").exchange().expectStatus().isOk();
			management.post()
				.uri("/actuator/maintenance?enabled=false")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"enabled\": false}")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.field")
				.isEqualTo("enabled");
			assertThat(context.getBean(MaintenanceMode.class).isActive()).isTrue();
			main.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503);
			main.get().uri("/hello").exchange().expectStatus().isEqualTo(503);
			management.delete().uri("/actuator/maintenance").exchange().expectStatus().is2xxSuccessful();
			main.get().uri("/hello").exchange().expectStatus().isOk();
		}
	}

	@Test
	void sessionsFromBeforeMaintenanceFinishDuringTheGracePeriod() {
		try (ConfigurableApplicationContext context = start("maintenance.drain.grace-period=1m")) {
			WebTestClient client = client(context, "local.server.port");
			ResponseCookie session = client.get()
				.uri("/session")
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(String.class)
				.getResponseCookies()
				.getFirst("SESSION");
			assertThat(session).isNotNull();
			MutableClock clock = context.getBean(MutableClock.class);
			clock.set(Instant.now().plusSeconds(1));
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			client.get().uri("/hello").cookie("SESSION", session.getValue()).exchange().expectStatus().isOk();
			client.get().uri("/hello").exchange().expectStatus().isEqualTo(503);
			client.get().uri("/hello").cookie("SESSION", "unknown").exchange().expectStatus().isEqualTo(503);
			clock.set(Instant.now().plusSeconds(120));
			client.get().uri("/hello").cookie("SESSION", session.getValue()).exchange().expectStatus().isEqualTo(503);
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(ReactiveTestApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "management.endpoints.web.exposure.include=health,maintenance",
					"management.endpoint.maintenance.access=unrestricted")
			.properties(properties)
			.run();
	}

	private static WebTestClient client(ConfigurableApplicationContext context, String portProperty) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + context.getEnvironment().getProperty(portProperty))
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

}
