package io.github.maintenancemode.autoconfigure;

import io.github.maintenancemode.web.MaintenanceObservationFilter;
import io.micrometer.observation.ObservationFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the observation filter of {@link MaintenanceWebAutoConfiguration}.
 */
class MaintenanceObservationConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class,
				MaintenanceWebAutoConfiguration.class, ThymeleafAutoConfiguration.class));

	@Test
	void observationFilterIsRegistered() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MaintenanceObservationFilter.class));
	}

	@Test
	void observationFilterBacksOffForTheApplicationsOwn() {
		MaintenanceObservationFilter own = new MaintenanceObservationFilter();
		this.runner.withBean(MaintenanceObservationFilter.class, () -> own)
			.run((context) -> assertThat(context.getBean(MaintenanceObservationFilter.class)).isSameAs(own));
	}

	@Test
	void noObservationFilterWithoutMicrometerObservation() {
		this.runner.withClassLoader(new FilteredClassLoader(ObservationFilter.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MaintenanceObservationFilter.class));
	}

	@Test
	void noObservationFilterWhenTheFilterIsSwitchedOff() {
		this.runner.withPropertyValues("maintenance.filter.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceObservationFilter.class));
	}

}
