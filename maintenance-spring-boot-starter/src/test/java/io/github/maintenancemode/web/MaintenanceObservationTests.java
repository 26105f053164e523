package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.MaintenanceMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests answered with the maintenance response are observed in
 * {@code http.server.requests} with {@code maintenance=true} and {@code uri=MAINTENANCE},
 * every other request with {@code maintenance=false}: through Spring's observation
 * filter, Spring Boot's observation registry and a real Prometheus registry.
 */
@SpringBootTest(classes = { FilterTestApplication.class, MaintenanceObservationTests.Prometheus.class })
@AutoConfigureMockMvc
class MaintenanceObservationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private MeterRegistry meters;

	@AfterEach
	void reset() {
		this.maintenanceMode.disable();
	}

	@Test
	void refusedRequestIsObservedAsMaintenance() {
		this.maintenanceMode.enable("Upgrade");
		long before = refusedCount();
		assertThat(this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		Timer refused = this.meters.get("http.server.requests").tag("maintenance", "true").timer();
		assertThat(refused.getId().getTag("uri")).isEqualTo("MAINTENANCE");
		assertThat(refused.getId().getTag("outcome")).isEqualTo("SERVER_ERROR");
		assertThat(refused.getId().getTag("status")).isEqualTo("503");
		assertThat(refusedCount()).isEqualTo(before + 1);
	}

	@Test
	void servedRequestIsObservedAsNoMaintenance() {
		assertThat(this.mvc.get().uri("/hello")).hasStatusOk();
		Timer served = this.meters.get("http.server.requests").tag("uri", "/hello").timer();
		assertThat(served.getId().getTag("maintenance")).isEqualTo("false");
		assertThat(served.getId().getTag("outcome")).isEqualTo("SUCCESS");
	}

	@Test
	void everyObservationCarriesTheMaintenanceKey() {
		this.mvc.get().uri("/hello").exchange();
		this.mvc.get().uri("/nowhere").exchange();
		this.maintenanceMode.enable("Upgrade");
		this.mvc.get().uri("/hello").exchange();
		this.mvc.get().uri("/actuator/health").exchange();
		assertThat(this.meters.get("http.server.requests").timers())
			.extracting((timer) -> timer.getId().getTag("maintenance"))
			.hasSizeGreaterThanOrEqualTo(4)
			.doesNotContainNull();
	}

	@Test
	void prometheusScrapesRefusedAndServedRequestsUnderOneName() {
		this.mvc.get().uri("/hello").exchange();
		this.maintenanceMode.enable("Upgrade");
		this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML).exchange();
		List<String> counts = ((PrometheusMeterRegistry) this.meters).scrape()
			.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_count{"))
			.toList();
		assertThat(counts).anySatisfy((line) -> assertThat(line).contains("maintenance=\"true\"")
			.contains("outcome=\"SERVER_ERROR\"")
			.contains("status=\"503\"")
			.contains("uri=\"MAINTENANCE\""));
		assertThat(counts).anySatisfy((line) -> assertThat(line).contains("maintenance=\"false\"")
			.contains("outcome=\"SUCCESS\"")
			.contains("uri=\"/hello\""));
		// the alert's numerator: server errors that are not maintenance
		assertThat(counts).noneSatisfy(
				(line) -> assertThat(line).contains("maintenance=\"false\"").contains("outcome=\"SERVER_ERROR\""));
	}

	@Test
	void prometheusScrapesTheMaintenanceMeters() {
		this.maintenanceMode.enable("Upgrade");
		this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON).exchange();
		String scrape = ((PrometheusMeterRegistry) this.meters).scrape();
		assertThat(scrape).containsPattern("(?m)^maintenance_active 1\\.0$")
			.containsPattern("(?m)^maintenance_transitions_total\\{from=\"off\",to=\"full\"} [1-9]")
			.containsPattern("(?m)^maintenance_store_errors_total\\{operation=\"read\",store=\"memory\"} 0\\.0$")
			.containsPattern("(?m)^maintenance_requests_blocked_total\\{kind=\"json\"} [1-9]")
			.containsPattern("(?m)^maintenance_overdue_seconds 0\\.0$");
	}

	private long refusedCount() {
		Timer refused = this.meters.find("http.server.requests")
			.tags("maintenance", "true", "uri", "MAINTENANCE", "status", "503")
			.timer();
		return (refused != null) ? refused.count() : 0;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Prometheus {

		@Bean
		PrometheusMeterRegistry prometheusMeterRegistry() {
			return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		}

	}

}
