package io.github.maintenancemode.sample.tests;

import io.github.maintenancemode.MaintenanceMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * Over real HTTP, behind Spring Security: requests refused by the maintenance filter, and
 * those that only a role could have admitted and that the role filter refused after
 * Spring Security, are observed in {@code http.server.requests} with
 * {@code maintenance=true} and {@code uri=MAINTENANCE}; served requests with
 * {@code maintenance=false}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class AbstractObservationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private MaintenanceMode maintenanceMode;

	private SampleHttp http;

	@BeforeEach
	void client() {
		this.http = new SampleHttp(this.port);
	}

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@Test
	void refusedRequestsAreObservedAsMaintenanceWhicheverFilterRefusedThem() {
		long before = count("true", "MAINTENANCE");
		this.maintenanceMode.enable("Upgrade");
		assertThat(this.http.get("/", "text/html").statusCode()).isEqualTo(503);
		// signed in, without the STAFF role: decided again after Spring Security
		assertThat(this.http.send("GET", "/", null, SampleHttp.USER + ":" + SampleHttp.PASSWORD).statusCode())
			.isEqualTo(503);
		await().untilAsserted(() -> assertThat(count("true", "MAINTENANCE")).isEqualTo(before + 2));
		assertThat(this.meters.get("http.server.requests").tag("maintenance", "false").timers())
			.noneSatisfy((timer) -> assertThat(timer.getId().getTag("status")).isEqualTo("503"));
	}

	@Test
	void servedRequestsAreObservedAsNoMaintenance() {
		long before = count("false", "/");
		assertThat(this.http.get("/", "text/html").statusCode()).isEqualTo(200);
		await().untilAsserted(() -> assertThat(count("false", "/")).isEqualTo(before + 1));
	}

	private long count(String maintenance, String uri) {
		return this.meters.find("http.server.requests")
			.tags("maintenance", maintenance, "uri", uri)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

}
