package io.github.maintenancemode.sample.tests;

import io.github.maintenancemode.MaintenanceMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the actuator on a port of its own, the probes and the endpoint keep answering
 * there while the application's port shows maintenance.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoint.health.probes.add-additional-paths=true" })
public abstract class AbstractSeparateManagementPortTests {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@Test
	void managementPortAnswersDuringMaintenance() {
		SampleHttp app = new SampleHttp(this.port);
		SampleHttp management = new SampleHttp(this.managementPort);
		assertThat(management.admin("POST", "{\"enabled\": true, \"reason\": \"Upgrade\"}").statusCode())
			.isEqualTo(200);
		assertThat(app.get("/api/notes", "application/json").statusCode()).isEqualTo(503);
		assertThat(management.get("/actuator/health/liveness", "application/json").statusCode()).isEqualTo(200);
		assertThat(management.admin("GET", null).body()).contains("\"enabled\":true");
		assertThat(app.get("/livez", "application/json").statusCode()).isEqualTo(200);
		assertThat(app.get("/readyz", "application/json").statusCode()).isEqualTo(200);
		assertThat(management.admin("DELETE", null).statusCode()).isEqualTo(200);
		assertThat(app.get("/api/notes", "application/json").statusCode()).isEqualTo(200);
	}

	@Test
	void writesOnTheManagementPortTakeExactlyWhatIsDocumented() {
		SampleHttp management = new SampleHttp(this.managementPort);
		assertThat(management
			.send("POST", "/actuator/maintenance?enabled=true", "{\"enabled\": false}",
					SampleHttp.USER + ":" + SampleHttp.PASSWORD)
			.statusCode()).isEqualTo(400);
		assertThat(management
			.send("POST", "/actuator/maintenance", "{\"enabled\": true, \"reason\": 123}",
					SampleHttp.USER + ":" + SampleHttp.PASSWORD)
			.statusCode()).isEqualTo(400);
		assertThat(this.maintenanceMode.isActive()).isFalse();
	}

}
