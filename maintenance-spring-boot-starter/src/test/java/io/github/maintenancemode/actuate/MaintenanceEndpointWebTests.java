package io.github.maintenancemode.actuate;

import io.github.maintenancemode.MaintenanceMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code maintenance} endpoint over HTTP (MockMvc).
 */
@SpringBootTest(properties = { "management.endpoints.web.exposure.include=maintenance",
		"management.endpoint.maintenance.access=unrestricted", "maintenance.retry-after=2m" })
@AutoConfigureMockMvc
class MaintenanceEndpointWebTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private ApplicationAvailability availability;

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@Test
	void getReportsTheStatus() {
		assertThat(this.mvc.get().uri("/actuator/maintenance")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"enabled": false, "mode": "FULL", "reason": null, "since": null, "until": null,
				 "scheduledStart": null, "updatedBy": null, "retryAfterSeconds": 120,
				 "inFlightRequests": 0, "runningJobs": 0, "quiescent": false,
				 "store": {"type": "memory", "healthy": true}}
				""");
	}

	@Test
	void postSwitchesOnAndAnswersTheNewStatus() {
		assertThat(
				this.mvc.post()
					.uri("/actuator/maintenance")
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"enabled\": true, \"reason\": \"Upgrade\", \"until\": \"2099-12-01T02:00:00Z\", "
							+ "\"mode\": \"READ_ONLY\"}"))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"enabled": true, "mode": "READ_ONLY", "reason": "Upgrade", "until": "2099-12-01T02:00:00Z",
					 "quiescent": true}
					""");
		assertThat(this.maintenanceMode.isActive()).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"enabled": true, "enabled": false}                      | enabled
			{"enabled": true, "reason": 123}                         | reason
			{"enabled": "true"}                                      | enabled
			{"enabled": true, "mode": ["FULL"]}                      | mode
			{"enabled": true, "start": "2020-01-01T00:00:00Z"}       | start
			[{"enabled": true}]                                      | body
			{"enabled": true} {"enabled": false}                     | body
			{"enabled": true                                         | body
			""")
	void writeThatIsNotExactlyWhatIsDocumentedIsRefusedAndChangesNothing(String body, String field) {
		assertThat(this.mvc.post().uri("/actuator/maintenance").contentType(MediaType.APPLICATION_JSON).content(body))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.field")
			.isEqualTo(field);
		assertThat(this.maintenanceMode.isActive()).isFalse();
	}

	@Test
	void postWithAutoEndEndsByItselfAndSaysSo() {
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": true, \"duration\": \"PT30M\", \"autoEnd\": true}")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"enabled\": true, \"autoEnd\": true, \"overdue\": false, \"scheduledStart\": null}");
		assertThat(this.maintenanceMode.status().endsByItself()).isTrue();
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": true, \"autoEnd\": true}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.field")
			.isEqualTo("autoEnd");
	}

	@Test
	void queryParametersOnAWriteAreRefused() {
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance?enabled=true")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": false}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.field")
			.isEqualTo("enabled");
		this.maintenanceMode.enable("Upgrade");
		assertThat(this.mvc.delete().uri("/actuator/maintenance?x=1")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.maintenanceMode.isActive()).isTrue();
	}

	@Test
	void checksApplyToTheEndpointAndNotToAPathThatOnlyStartsLikeIt() {
		assertThat(this.mvc.post()
			.uri("/actuator/maintenancex?enabled=true")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance;x/drain")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("a=b")).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void deleteWithAFormBodyIsRefused() {
		this.maintenanceMode.enable("Upgrade");
		assertThat(this.mvc.delete()
			.uri("/actuator/maintenance")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("a=b")).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(this.maintenanceMode.isActive()).isTrue();
	}

	@Test
	void drainNeedsAJsonContentType() {
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance/drain")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("a=b")).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(this.mvc.post().uri("/actuator/maintenance/drain").header("Content-Type", "text/plain"))
			.hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void postWithDurationSetsTheEnd() {
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": true, \"duration\": \"PT30M\"}")).hasStatusOk();
		assertThat(this.maintenanceMode.status().until()).isNotNull();
		assertThat(this.mvc.get().uri("/actuator/maintenance")).bodyJson()
			.extractingPath("$.retryAfterSeconds")
			.asNumber()
			.satisfies((seconds) -> assertThat(seconds.longValue()).isBetween(1790L, 1800L));
	}

	@Test
	void postWithFutureStartPlansAWindow() {
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": true, \"start\": \"2099-12-01T00:00:00Z\", \"duration\": \"PT1H\"}")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"enabled": false, "scheduledStart": "2099-12-01T00:00:00Z", "until": "2099-12-01T01:00:00Z"}
					""");
	}

	@Test
	void drainTakesThisInstanceOutOfTheLoadBalancerAndBack() {
		assertThat(this.mvc.post().uri("/actuator/maintenance/drain").contentType(MediaType.APPLICATION_JSON))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"enabled\": false, \"drain\": {\"active\": true, \"idle\": true}}");
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		assertThat(this.mvc.get().uri("/actuator/maintenance")).bodyJson()
			.extractingPath("$.drain.active")
			.isEqualTo(true);
		assertThat(this.mvc.delete().uri("/actuator/maintenance/drain")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.drain.active")
			.isEqualTo(false);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void unknownActionIsNotFound() {
		assertThat(this.mvc.post().uri("/actuator/maintenance/explode").contentType(MediaType.APPLICATION_JSON))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void deleteSwitchesOff() {
		this.maintenanceMode.enable("Upgrade");
		assertThat(this.mvc.delete().uri("/actuator/maintenance")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.enabled")
			.isEqualTo(false);
		assertThat(this.maintenanceMode.isActive()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			{}                                                       | enabled
			{"enabled": "yes"}                                       | enabled
			{"enabled": true, "mode": "OFFLINE"}                     | mode
			{"enabled": true, "until": "next tuesday"}               | until
			{"enabled": true, "until": "2000-01-01T00:00:00Z"}       | until
			{"enabled": true, "duration": "30 minutes"}              | duration
			{"enabled": true, "start": "2099-01-02T00:00:00Z", "until": "2099-01-01T00:00:00Z"} | until
			""")
	void badInputIsRefusedNamingTheFieldAndChangesNothing(String body, String field) {
		this.maintenanceMode.enable("unchanged");
		long version = this.maintenanceMode.status().version();
		assertThat(this.mvc.post().uri("/actuator/maintenance").contentType(MediaType.APPLICATION_JSON).content(body))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("{\"field\": \"" + field + "\", \"status\": 400}");
		assertThat(this.maintenanceMode.status().version()).isEqualTo(version);
		assertThat(this.maintenanceMode.status().reason()).isEqualTo("unchanged");
	}

	@Test
	void misspelledFieldIsRefusedNamingItAndChangesNothing() {
		long version = this.maintenanceMode.status().version();
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": true, \"mdoe\": \"READ_ONLY\"}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("{\"field\": \"mdoe\", \"error\": \"Unknown field 'mdoe'\"}");
		assertThat(this.maintenanceMode.status().version()).isEqualTo(version);
		assertThat(this.maintenanceMode.isActive()).isFalse();
	}

	@Test
	void unknownFieldOnTheDrainIsRefused() {
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance/drain")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": true}")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void reasonOver500CharactersIsRefused() {
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": true, \"reason\": \"" + "x".repeat(501) + "\"}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.error")
			.asString()
			.contains("'reason'", "500");
		assertThat(this.maintenanceMode.isActive()).isFalse();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration" })
	static class TestApplication {

	}

}
