package io.github.maintenancemode.actuate;

import java.security.Principal;
import java.time.Instant;

import io.github.maintenancemode.MaintenanceMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Planning and cancelling a window and draining the instance through the
 * {@code maintenance} endpoint are audited with the caller's name, in a real
 * {@link InMemoryAuditEventRepository}.
 */
@SpringBootTest(properties = { "management.endpoints.web.exposure.include=maintenance",
		"management.endpoint.maintenance.access=unrestricted" })
@AutoConfigureMockMvc
class MaintenanceEndpointAuditTests {

	private static final Principal ALICE = () -> "alice";

	private static final Principal BOB = () -> "bob";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private AuditEventRepository audits;

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
		this.mvc.delete().uri("/actuator/maintenance/drain").exchange();
	}

	@Test
	void planningAndCancellingAWindowAreAuditedWithTheCaller() {
		Instant since = Instant.now();
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance")
			.principal(ALICE)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\": true, \"reason\": \"Upgrade\", \"start\": \"2099-12-01T01:00:00Z\", "
					+ "\"until\": \"2099-12-01T02:00:00Z\"}"))
			.hasStatusOk();
		assertThat(this.mvc.delete().uri("/actuator/maintenance").principal(BOB)).hasStatusOk();
		assertThat(this.audits.find(null, since, null)).extracting(AuditEvent::getType, AuditEvent::getPrincipal)
			.containsExactly(tuple("MAINTENANCE_WINDOW_PLANNED", "alice"),
					tuple("MAINTENANCE_WINDOW_CANCELLED", "bob"));
		assertThat(this.audits.find("alice", since, "MAINTENANCE_WINDOW_PLANNED")).singleElement()
			.satisfies((event) -> assertThat(event.getData()).containsEntry("start", "2099-12-01T01:00:00Z")
				.containsEntry("until", "2099-12-01T02:00:00Z")
				.containsEntry("reason", "Upgrade"));
		assertThat(this.audits.find("bob", since, "MAINTENANCE_WINDOW_CANCELLED")).singleElement()
			.satisfies((event) -> assertThat(event.getData()).containsEntry("start", "2099-12-01T01:00:00Z"));
	}

	@Test
	void drainAndItsEndAreAuditedWithTheCaller() {
		Instant since = Instant.now();
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance/drain")
			.principal(ALICE)
			.contentType(MediaType.APPLICATION_JSON)).hasStatusOk();
		assertThat(this.mvc.post()
			.uri("/actuator/maintenance/drain")
			.principal(ALICE)
			.contentType(MediaType.APPLICATION_JSON)).hasStatusOk();
		assertThat(this.mvc.delete().uri("/actuator/maintenance/drain").principal(BOB)).hasStatusOk();
		assertThat(this.audits.find(null, since, null)).extracting(AuditEvent::getType, AuditEvent::getPrincipal)
			.containsExactly(tuple("MAINTENANCE_DRAIN_STARTED", "alice"), tuple("MAINTENANCE_DRAIN_ENDED", "bob"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration" })
	static class TestApplication {

		@Bean
		InMemoryAuditEventRepository auditEventRepository() {
			return new InMemoryAuditEventRepository();
		}

	}

}
