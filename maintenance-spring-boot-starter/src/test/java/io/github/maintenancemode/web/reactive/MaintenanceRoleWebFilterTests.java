package io.github.maintenancemode.web.reactive;

import java.time.Duration;

import io.github.maintenancemode.MaintenanceMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Roles in a reactive application with Spring Security: a user who holds a role of
 * {@code maintenance.allow.roles} passes whatever the login (HTTP Basic, a form login
 * kept in the {@code WebSession}); everyone else gets the maintenance response, and
 * Spring Security's own answer stands where it refuses a request itself.
 */
@SpringBootTest(classes = MaintenanceRoleWebFilterTests.SecuredApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "maintenance.allow.roles=STAFF" })
class MaintenanceRoleWebFilterTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	private WebTestClient client;

	@BeforeEach
	void connect() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
		this.maintenanceMode.enable("Upgrade");
	}

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@Test
	void anonymousVisitorsGetTheMaintenanceResponse() {
		this.client.get().uri("/hello").exchange().expectStatus().isEqualTo(503);
	}

	@Test
	void staffSignedInWithHttpBasicPass() {
		this.client.get()
			.uri("/hello")
			.headers((headers) -> headers.setBasicAuth("staff", "staff-password"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void otherUsersGetTheMaintenanceResponseInTheRepresentationTheyAskFor() {
		this.client.get()
			.uri("/hello")
			.accept(MediaType.APPLICATION_JSON)
			.headers((headers) -> headers.setBasicAuth("visitor", "visitor-password"))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType("application/problem+json");
	}

	@Test
	void springSecuritysOwnRefusalStands() {
		this.client.get()
			.uri("/hello")
			.headers((headers) -> headers.setBasicAuth("staff", "wrong"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void staffSignedInWithAFormLoginPassOnTheirSession() {
		this.maintenanceMode.disable();
		ResponseCookie session = this.client.post()
			.uri("/login")
			.body(BodyInserters.fromFormData("username", "staff").with("password", "staff-password"))
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("SESSION");
		ResponseCookie visitorSession = this.client.post()
			.uri("/login")
			.body(BodyInserters.fromFormData("username", "visitor").with("password", "visitor-password"))
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("SESSION");
		this.maintenanceMode.enable("Upgrade");
		this.client.get().uri("/hello").cookie("SESSION", session.getValue()).exchange().expectStatus().isOk();
		this.client.get()
			.uri("/hello")
			.cookie("SESSION", visitorSession.getValue())
			.header(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE)
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		this.client.get().uri("/hello").cookie("SESSION", "no-such-session").exchange().expectStatus().isEqualTo(503);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ReactiveTestApplication.HelloController.class)
	static class SecuredApplication {

		@Bean
		NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
			return new NettyReactiveWebServerFactory();
		}

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).httpBasic((basic) -> {
			}).formLogin((form) -> {
			}).csrf(ServerHttpSecurity.CsrfSpec::disable).build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("staff").password("{noop}staff-password").roles("STAFF").build(),
					User.withUsername("visitor").password("{noop}visitor-password").roles("USER").build());
		}

	}

}
