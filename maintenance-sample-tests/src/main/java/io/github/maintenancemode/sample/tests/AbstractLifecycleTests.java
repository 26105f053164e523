package io.github.maintenancemode.sample.tests;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The maintenance lifecycle over real HTTP: work in flight finishing, quiescence, the
 * drain grace period, instance drain and readiness, announcement and metrics.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "maintenance.drain.grace-period=1m", "sample.job.interval=1h" })
public abstract class AbstractLifecycleTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	private SampleHttp http;

	/**
	 * The name of the application's session cookie.
	 * @return the servlet containers' {@code JSESSIONID} unless overridden
	 */
	protected String sessionCookieName() {
		return "JSESSIONID";
	}

	@BeforeEach
	void client() {
		this.http = new SampleHttp(this.port);
	}

	@AfterEach
	void reset() {
		this.maintenanceMode.disable();
		this.http.admin("DELETE", null);
		this.http.send("DELETE", "/actuator/maintenance/drain", null, SampleHttp.USER + ":" + SampleHttp.PASSWORD);
	}

	@Test
	void requestRunningWhenMaintenanceBeginsCompletesAndQuiescenceWaitsForIt() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/slow?millis=2000")).build(),
				HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(5)).until(() -> status().contains("\"inFlightRequests\":1"));
		assertThat(this.http.admin("POST", "{\"enabled\": true, \"reason\": \"Migration\"}").statusCode())
			.isEqualTo(200);
		assertThat(status()).contains("\"quiescent\":false");
		assertThat(this.http.get("/api/notes", "application/json").statusCode()).isEqualTo(503);
		HttpResponse<String> finished = slow.get();
		assertThat(finished.statusCode()).isEqualTo(200);
		assertThat(finished.body()).contains("\"slept\":2000");
		await().atMost(Duration.ofSeconds(5)).until(() -> status().contains("\"quiescent\":true"));
		assertThat(status()).contains("\"inFlightRequests\":0", "\"runningJobs\":0");
	}

	@Test
	void sessionsFromBeforeMaintenanceFinishDuringTheGracePeriod() throws Exception {
		HttpClient visitor = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> login = visitor.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(login.headers().allValues("Set-Cookie"))
			.anyMatch((cookie) -> cookie.startsWith(sessionCookieName() + "="));
		this.maintenanceMode.enable("Migration");
		HttpResponse<String> continuing = visitor.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/notes")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(continuing.statusCode()).isEqualTo(200);
		assertThat(this.http.get("/api/notes", "application/json").statusCode()).isEqualTo(503);
	}

	@Test
	void drainedInstanceRefusesTrafficOnlyThroughReadiness() {
		assertThat(this.http.get("/actuator/health/readiness", "application/json").statusCode()).isEqualTo(200);
		HttpResponse<String> drained = this.http.send("POST", "/actuator/maintenance/drain", "{}",
				SampleHttp.USER + ":" + SampleHttp.PASSWORD);
		assertThat(drained.statusCode()).isEqualTo(200);
		assertThat(drained.body()).contains("\"drain\":{\"active\":true");
		assertThat(this.http.get("/actuator/health/readiness", "application/json").statusCode()).isEqualTo(503);
		assertThat(this.http.get("/actuator/health/liveness", "application/json").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/api/notes", "application/json").statusCode()).isEqualTo(200);
		this.http.send("DELETE", "/actuator/maintenance/drain", null, SampleHttp.USER + ":" + SampleHttp.PASSWORD);
		assertThat(this.http.get("/actuator/health/readiness", "application/json").statusCode()).isEqualTo(200);
	}

	@Test
	void clusterMaintenanceKeepsTheInstanceReady() {
		this.maintenanceMode.enable("Migration");
		assertThat(this.http.get("/actuator/health/readiness", "application/json").statusCode()).isEqualTo(200);
	}

	@Test
	void plannedWindowIsAnnouncedOnThePagesAndTheApi() {
		Instant start = Instant.now().plus(Duration.ofHours(2));
		this.maintenanceMode.schedule(start, start.plus(Duration.ofMinutes(30)), MaintenanceState.Mode.FULL,
				"Database upgrade", "admin");
		HttpResponse<String> home = this.http.get("/", "text/html");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("maintenance-banner", "Planned maintenance from", "Database upgrade");
		assertThat(this.http.get("/api/notes", "application/json").headers().firstValue("Maintenance-Notice"))
			.contains(start.toString());
		assertThat(status()).contains("\"scheduledStart\":\"" + start + "\"", "\"enabled\":false");
	}

	@Test
	void metricsCountRefusedRequests() {
		this.maintenanceMode.enable("Migration");
		this.http.get("/api/notes", "application/json");
		HttpResponse<String> metric = this.http.send("GET", "/actuator/metrics/maintenance.requests.blocked", null,
				SampleHttp.USER + ":" + SampleHttp.PASSWORD);
		assertThat(metric.statusCode()).isEqualTo(200);
		assertThat(metric.body()).contains("\"name\":\"maintenance.requests.blocked\"", "\"kind\"");
		HttpResponse<String> active = this.http.send("GET", "/actuator/metrics/maintenance.active", null,
				SampleHttp.USER + ":" + SampleHttp.PASSWORD);
		assertThat(active.body()).contains("\"value\":1.0");
	}

	private String status() {
		return this.http.admin("GET", null).body();
	}

}
