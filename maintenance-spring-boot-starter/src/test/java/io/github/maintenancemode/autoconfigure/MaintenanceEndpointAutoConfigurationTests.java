package io.github.maintenancemode.autoconfigure;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.actuate.MaintenanceEndpoint;
import io.github.maintenancemode.actuate.MaintenanceHealthIndicator;
import io.github.maintenancemode.actuate.MaintenanceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaintenanceEndpointAutoConfiguration}.
 */
class MaintenanceEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MaintenanceAutoConfiguration.class, MaintenanceEndpointAutoConfiguration.class));

	@Test
	void endpointIsAvailableWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=maintenance")
			.run((context) -> assertThat(context).hasSingleBean(MaintenanceEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=maintenance",
					"management.endpoint.maintenance.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceEndpoint.class));
	}

	@Test
	void healthIndicatorReportsTheStore() {
		this.runner.run((context) -> {
			MaintenanceHealthIndicator health = context.getBean(MaintenanceHealthIndicator.class);
			assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
			assertThat(health.health(true).getDetails()).containsEntry("store", "memory")
				.containsEntry("enabled", false);
		});
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.maintenance.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceHealthIndicator.class));
	}

	@Test
	void activeGaugeFollowsTheState() {
		this.runner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(MaintenanceMetrics.class).bindTo(registry);
			assertThat(registry.get("maintenance.active").gauge().value()).isZero();
			context.getBean(MaintenanceMode.class).enable("x");
			assertThat(registry.get("maintenance.active").gauge().value()).isOne();
		});
	}

}
