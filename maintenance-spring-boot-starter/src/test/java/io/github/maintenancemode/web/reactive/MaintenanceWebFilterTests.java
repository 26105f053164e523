package io.github.maintenancemode.web.reactive;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MutableClock;
import io.github.maintenancemode.web.reactive.ReactiveTestApplication.HelloController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reactive maintenance filter over real HTTP on Netty, without Spring Security: the
 * same responses, rules and exemptions as the servlet filter.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "maintenance.allow.paths=/open/**",
				"maintenance.bypass.secret=" + MaintenanceWebFilterTests.SECRET,
				"management.endpoints.web.exposure.include=health,maintenance",
				"management.endpoint.maintenance.access=unrestricted" })
class MaintenanceWebFilterTests {

	static final String SECRET = "a-bypass-secret-of-some-length";

	private static final String REASON = "Database <script>alert('x')</script> & \"upgrade\"";

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private MaintenanceActivity activity;

	@Autowired
	private HelloController controller;

	@Autowired
	private MutableClock clock;

	private WebTestClient client;

	@BeforeEach
	void connect() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
		this.controller.calls.set(0);
	}

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
		this.clock.set(ReactiveTestApplication.NOW);
	}

	@Test
	void whenOffRequestsPassAndAreCountedUntilTheirResponseCompletes() {
		this.client.get().uri("/hello").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("hello");
		CompletableFuture<String> slow = WebClient.create("http://localhost:" + this.port)
			.get()
			.uri("/slow")
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.activity.inFlightRequests() == 1);
		assertThat(slow.join()).isEqualTo("slow");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.activity.inFlightRequests() == 0);
	}

	@Test
	void aRequestCancelledByItsClientIsNoLongerInFlight() {
		Disposable request = WebClient.create("http://localhost:" + this.port)
			.get()
			.uri("/slow")
			.retrieve()
			.bodyToMono(String.class)
			.subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.activity.inFlightRequests() == 1);
		request.dispose();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.activity.inFlightRequests() == 0);
	}

	@Test
	void browsersGetThePageWithTheReasonEscaped() {
		enable(REASON, ReactiveTestApplication.NOW.plusSeconds(1800));
		EntityExchangeResult<String> result = this.client.get()
			.uri("/hello")
			.accept(MediaType.TEXT_HTML)
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1800")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectHeader()
			.valueEquals(HttpHeaders.VARY, "Accept")
			.expectHeader()
			.contentType("text/html;charset=UTF-8")
			.expectBody(String.class)
			.returnResult();
		assertThat(result.getResponseBody()).contains("Database &lt;script&gt;")
			.doesNotContain("<script>alert")
			.contains("var statusUrl = \"\\/maintenance-assets\\/status\";");
		assertThat(this.controller.calls).hasValue(0);
	}

	@Test
	void jsonClientsGetProblemDetailsAndOthersPlainText() {
		enable("Upgrade", ReactiveTestApplication.NOW.plusSeconds(600));
		this.client.get()
			.uri("/hello")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(503)
			.jsonPath("$.retryAfter")
			.isEqualTo(600)
			.jsonPath("$.detail")
			.isEqualTo("Upgrade");
		this.client.get()
			.uri("/hello")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType("text/plain;charset=UTF-8")
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("Upgrade"));
	}

	@Test
	void germanVisitorsGetTheGermanPage() {
		enable("Wartung", null);
		this.client.get()
			.uri("/hello")
			.accept(MediaType.TEXT_HTML)
			.header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("lang=\"de\""));
	}

	@Test
	void allowedPathsTheActuatorAndTheHealthProbesPass() {
		enable("Upgrade", null);
		this.client.get().uri("/open/hello").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/maintenance").exchange().expectStatus().isOk();
	}

	@Test
	void pathTricksAreNeitherExemptNorAllowed() {
		enable("Upgrade", null);
		for (String uri : new String[] { "/open/../hello", "/open/%2e%2e/hello", "/open;x=1/hello", "//open/hello",
				"/open//hello", "/open/%2Fhello", "/actuator/health/../../hello", "/actuator/unknown" }) {
			this.client.get()
				.uri(URI.create("http://localhost:" + this.port + uri))
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).as(uri).isIn(503, 404, 400));
		}
		this.client.get()
			.uri(URI.create("http://localhost:" + this.port + "/open/%2e%2e/hello"))
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		assertThat(this.controller.calls).hasValue(0);
	}

	@Test
	void readOnlyModeLetsReadsThroughAndRefusesWrites() {
		this.maintenanceMode.enable(MaintenanceState.Mode.READ_ONLY, "Migration", null, "test");
		this.client.get().uri("/hello").exchange().expectStatus().isOk();
		this.client.post()
			.uri("/hello")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("Migration"));
		this.client.post().uri("/search").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/notice")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("notice: Migration");
	}

	@Test
	void staticResourceLookalikesThatAControllerMapsAreRefused() {
		enable("Upgrade", null);
		this.client.get().uri("/css/admin/site.css").exchange().expectStatus().isEqualTo(503);
		assertThat(this.controller.calls).hasValue(0);
	}

	@Test
	void theReturnPollIsAnsweredByTheFilter() {
		this.client.get()
			.uri("/maintenance-assets/status")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody(String.class)
			.isEqualTo("{\"active\":false}");
		enable("Upgrade", ReactiveTestApplication.NOW.plusSeconds(120));
		this.client.get()
			.uri("/maintenance-assets/status")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("{\"active\":true,\"retryAfter\":120}");
	}

	@Test
	void theBypassLinkSetsACookieThatLetsItsHolderThrough() {
		enable("Upgrade", null);
		EntityExchangeResult<Void> link = this.client.get()
			.uri("/hello?page=2&maintenance-bypass=" + SECRET)
			.exchange()
			.expectStatus()
			.isEqualTo(303)
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, "/hello?page=2")
			.expectBody()
			.isEmpty();
		ResponseCookie cookie = link.getResponseCookies().getFirst("maintenance-bypass");
		assertThat(cookie).isNotNull();
		assertThat(cookie.isHttpOnly()).isTrue();
		this.client.get().uri("/hello").cookie(cookie.getName(), cookie.getValue()).exchange().expectStatus().isOk();
		this.client.get().uri("/hello").cookie(cookie.getName(), "forged").exchange().expectStatus().isEqualTo(503);
		this.client.get().uri("/hello?maintenance-bypass=wrong-secret-value").exchange().expectStatus().isEqualTo(503);
	}

	@Test
	void aPlannedWindowIsAnnounced() {
		Instant start = ReactiveTestApplication.NOW.plusSeconds(600);
		this.maintenanceMode.schedule(start, start.plusSeconds(1800), MaintenanceState.Mode.FULL, "Upgrade", "test");
		this.client.get()
			.uri("/notice")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("Maintenance-Notice")
			.expectBody(String.class)
			.isEqualTo("notice: Upgrade");
	}

	@Test
	void theEndpointTakesOnlyWhatItDocuments() {
		this.client.post()
			.uri("/actuator/maintenance?enabled=true")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"enabled\": false}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("enabled");
		this.client.post()
			.uri("/actuator/maintenance")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"enabled\": true, \"reason\": 123}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("reason");
		this.client.post()
			.uri("/actuator/maintenance")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("enabled=true")
			.exchange()
			.expectStatus()
			.isEqualTo(415);
		assertThat(this.maintenanceMode.isActive()).isFalse();
		this.client.post()
			.uri("/actuator/maintenance")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"enabled\": true, \"reason\": \"By the endpoint\"}")
			.exchange()
			.expectStatus()
			.is2xxSuccessful();
		assertThat(this.maintenanceMode.status().reason()).isEqualTo("By the endpoint");
		this.client.get().uri("/hello").exchange().expectStatus().isEqualTo(503);
		this.client.delete().uri("/actuator/maintenance").exchange().expectStatus().is2xxSuccessful();
		this.client.get().uri("/hello").exchange().expectStatus().isOk();
	}

	private void enable(String reason, Instant until) {
		this.maintenanceMode.enable(MaintenanceState.Mode.FULL, reason, until, "test");
	}

}
