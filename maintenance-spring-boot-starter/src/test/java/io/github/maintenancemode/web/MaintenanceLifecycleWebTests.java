package io.github.maintenancemode.web;

import java.time.Duration;
import java.time.Instant;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MockMvc tests of the lifecycle at the filter: the announcement of a planned window, the
 * drain grace period and the blocked-request counters.
 */
@SpringBootTest(classes = FilterTestApplication.class,
		properties = { "maintenance.announce-before=2h", "maintenance.drain.grace-period=5m" })
@AutoConfigureMockMvc
class MaintenanceLifecycleWebTests {

	private static final Instant NOW = FilterTestApplication.NOW;

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private MutableClock clock;

	@Autowired
	private MeterRegistry meters;

	@AfterEach
	void reset() {
		this.clock.set(NOW);
		this.maintenanceMode.disable();
	}

	@Test
	void plannedWindowIsAnnouncedAheadOfItsStart() {
		Instant start = NOW.plus(Duration.ofHours(1));
		this.maintenanceMode.schedule(start, start.plus(Duration.ofMinutes(30)), MaintenanceState.Mode.FULL,
				"Database upgrade", "alice");
		MvcTestResult page = this.mvc.get().uri("/banner").accept(MediaType.TEXT_HTML).exchange();
		assertThat(page).hasStatusOk().hasHeader("Maintenance-Notice", "2026-12-01T02:00:00Z");
		assertThat(page).bodyText()
			.contains("class=\"maintenance-banner\"")
			.contains("role=\"status\"")
			.contains("Planned maintenance from")
			.contains("Database upgrade");
		assertThat(page.getRequest().getAttribute("maintenanceNotice")).isInstanceOf(MaintenanceNotice.class);
		assertThat(this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON)).hasStatusOk()
			.hasHeader("Maintenance-Notice", "2026-12-01T02:00:00Z");
	}

	@Test
	void bannerIsInTheVisitorsLanguage() {
		Instant start = NOW.plus(Duration.ofHours(1));
		this.maintenanceMode.schedule(start, null, MaintenanceState.Mode.FULL, "Upgrade", null);
		assertThat(this.mvc.get().uri("/banner").header("Accept-Language", "de")).bodyText()
			.contains("Geplante Wartungsarbeiten ab");
	}

	@Test
	void windowFurtherAheadIsNotAnnouncedYet() {
		Instant start = NOW.plus(Duration.ofHours(3));
		this.maintenanceMode.schedule(start, null, MaintenanceState.Mode.FULL, "Later", null);
		MvcTestResult page = this.mvc.get().uri("/banner").exchange();
		assertThat(page).doesNotContainHeader("Maintenance-Notice");
		assertThat(page).bodyText().doesNotContain("maintenance-banner");
		this.clock.set(start.minus(Duration.ofHours(2)));
		assertThat(this.mvc.get().uri("/banner")).containsHeader("Maintenance-Notice");
	}

	@Test
	void noBannerWithoutAPlannedWindow() {
		assertThat(this.mvc.get().uri("/banner")).doesNotContainHeader("Maintenance-Notice")
			.bodyText()
			.doesNotContain("maintenance-banner");
	}

	@Test
	void sessionsFromBeforeMaintenanceContinueDuringTheGracePeriod() {
		// sessions carry the container's real creation time: run the clock from there
		MockHttpSession existing = new MockHttpSession();
		long since = existing.getCreationTime() + 1;
		this.clock.set(Instant.ofEpochMilli(since));
		this.maintenanceMode.enable("Upgrade");
		await().until(() -> System.currentTimeMillis() > since);
		MockHttpSession fresh = new MockHttpSession();
		assertThat(this.mvc.get().uri("/hello").session(existing)).hasStatusOk();
		assertThat(this.mvc.get().uri("/hello").session(fresh)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.mvc.get().uri("/hello")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.mvc.get().uri("/hello").session(existing)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void refusedRequestsAreCountedByKind() {
		this.maintenanceMode.enable("Upgrade");
		double html = blocked("html");
		double json = blocked("json");
		this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML).exchange();
		this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON).exchange();
		this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON).exchange();
		assertThat(blocked("html")).isEqualTo(html + 1);
		assertThat(blocked("json")).isEqualTo(json + 2);
		assertThat(this.meters.get("maintenance.active").gauge().value()).isOne();
		this.clock.advance(Duration.ofSeconds(90));
		assertThat(this.meters.get("maintenance.duration").gauge().value()).isEqualTo(90);
	}

	private double blocked(String kind) {
		return this.meters.get("maintenance.requests.blocked").tag("kind", kind).counter().count();
	}

}
