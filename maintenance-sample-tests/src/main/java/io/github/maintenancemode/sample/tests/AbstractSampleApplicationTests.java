package io.github.maintenancemode.sample.tests;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.github.maintenancemode.MaintenanceMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of the sample application over real HTTP: the whole maintenance cycle
 * through the secured actuator endpoint.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.job.interval=50ms")
public abstract class AbstractSampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private MaintenanceMode maintenanceMode;

	private SampleHttp http;

	/**
	 * The texts of the application's notes.
	 * @return the texts, oldest first
	 */
	protected abstract List<String> noteTexts();

	@BeforeEach
	void client() {
		this.http = new SampleHttp(this.port);
	}

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@Test
	void wholeMaintenanceCycleThroughTheActuator() {
		assertThat(this.http.get("/", "text/html").statusCode()).isEqualTo(200);

		HttpResponse<String> on = this.http.admin("POST",
				"{\"enabled\": true, \"reason\": \"Database upgrade\", \"duration\": \"PT30M\"}");
		assertThat(on.statusCode()).isEqualTo(200);
		assertThat(on.body()).contains("\"enabled\":true", "\"updatedBy\":\"admin\"",
				"\"reason\":\"Database upgrade\"");

		HttpResponse<String> page = this.http.get("/", "text/html,application/xhtml+xml,*/*;q=0.8");
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> type.startsWith("text/html"));
		assertThat(Long.parseLong(page.headers().firstValue("Retry-After").orElseThrow())).isBetween(1700L, 1800L);
		assertThat(page.body()).contains("Database upgrade", "We&#39;ll be back soon");

		HttpResponse<String> problem = this.http.get("/api/notes", "application/json");
		assertThat(problem.statusCode()).isEqualTo(503);
		assertThat(problem.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(problem.headers().firstValue("Cache-Control")).contains("no-store");
		assertThat(problem.headers().firstValue("Vary")).contains("Accept");
		assertThat(problem.headers().firstValue("Retry-After")).isPresent();
		assertThat(problem.body()).contains("\"status\":503", "\"detail\":\"Database upgrade\"", "\"retryAfter\":");

		HttpResponse<String> status = this.http.admin("GET", null);
		assertThat(status.body()).contains("\"enabled\":true", "\"store\":{\"type\":\"memory\",\"healthy\":true}");

		HttpResponse<String> off = this.http.admin("DELETE", null);
		assertThat(off.statusCode()).isEqualTo(200);
		assertThat(off.body()).contains("\"enabled\":false");
		assertThat(this.http.get("/", "text/html").statusCode()).isEqualTo(200);
	}

	@Test
	void anonymousWriteIsRefusedAndChangesNothing() {
		HttpResponse<String> response = this.http.send("POST", "/actuator/maintenance", "{\"enabled\": true}", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(this.maintenanceMode.isActive()).isFalse();
		assertThat(this.http.send("DELETE", "/actuator/maintenance", null, null).statusCode()).isEqualTo(401);
	}

	@Test
	void wrongPasswordIsRefusedAndChangesNothing() {
		HttpResponse<String> response = this.http.send("POST", "/actuator/maintenance", "{\"enabled\": true}",
				"admin:wrong");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(this.maintenanceMode.isActive()).isFalse();
	}

	@Test
	void statusNeedsAuthenticationToo() {
		assertThat(this.http.send("GET", "/actuator/maintenance", null, null).statusCode()).isEqualTo(401);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			{"reason": "no enabled"}                              | enabled
			{"enabled": "maybe"}                                  | enabled
			{"enabled": true, "mode": "PARTIAL"}                  | mode
			{"enabled": true, "until": "soon"}                    | until
			{"enabled": true, "until": "2001-01-01T00:00:00Z"}    | until
			{"enabled": true, "duration": "P-1D"}                 | duration
			""")
	void badBodiesAreRefusedAndChangeNothing(String body, String field) {
		this.maintenanceMode.enable("before");
		long version = this.maintenanceMode.status().version();
		HttpResponse<String> response = this.http.admin("POST", body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"" + field + "\"").contains("'" + field + "'");
		assertThat(this.maintenanceMode.status().version()).isEqualTo(version);
		assertThat(this.maintenanceMode.status().reason()).isEqualTo("before");
	}

	@Test
	void healthProbesAnswerDuringMaintenance() {
		this.maintenanceMode.enable("Upgrade");
		assertThat(this.http.get("/actuator/health/liveness", "application/json").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/readiness", "application/json").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health", "application/json").body()).contains("\"status\":\"UP\"");
	}

	@Test
	void writesAreStoredWhenOffAndRefusedWhenOn() {
		int before = noteTexts().size();
		HttpResponse<String> created = this.http.send("POST", "/api/notes", "{\"text\": \"kept\"}", null);
		assertThat(created.statusCode()).isEqualTo(201);
		this.maintenanceMode.enable("Upgrade");
		HttpResponse<String> refused = this.http.send("POST", "/api/notes", "{\"text\": \"refused\"}", null);
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(noteTexts()).contains("kept").doesNotContain("refused");
		assertThat(noteTexts()).hasSize(before + 1);
	}

	@Test
	void scheduledJobStopsWhileOnAndResumesAfter() {
		await().atMost(Duration.ofSeconds(5)).until(() -> runs() > 0);
		this.maintenanceMode.enable("Upgrade");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.http.admin("GET", null).body().contains("\"runningJobs\":0"));
		long stopped = runs();
		// the scheduler fires the job twice more, and both are skipped
		double skipped = skipped();
		await().atMost(Duration.ofSeconds(10)).until(() -> skipped() >= skipped + 2);
		assertThat(runs()).isEqualTo(stopped);
		this.maintenanceMode.disable();
		await().atMost(Duration.ofSeconds(5)).until(() -> runs() > stopped);
	}

	private double skipped() {
		Counter counter = this.meters.find("maintenance.jobs.skipped").tag("job", "SampleJob.run").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long runs() {
		String body = this.http.get("/api/job-runs", "application/json").body();
		return Long.parseLong(body.replaceAll("\\D", ""));
	}

}
