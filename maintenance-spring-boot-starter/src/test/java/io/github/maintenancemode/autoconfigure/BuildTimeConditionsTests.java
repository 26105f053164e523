package io.github.maintenancemode.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link BuildTimeConditions}.
 */
class BuildTimeConditionsTests {

	@Test
	void absentPropertiesTakeTheValuesTheConditionsAssume() {
		assertThat(BuildTimeConditions.values(new MockEnvironment())).containsExactly(
				entry("maintenance.store.type", "memory"), entry("maintenance.filter.enabled", "true"),
				entry("maintenance.scheduling.enabled", "true"), entry("maintenance.messaging.enabled", "true"),
				entry("management.health.maintenance.enabled", "true"),
				entry(MaintenanceEndpointAvailability.NAME, "not available"));
	}

	@Test
	void theEndpointCountsByWhetherItIsAvailable() {
		// a bare environment converts only upper-case access values; an application's
		// takes any case
		MockEnvironment environment = new MockEnvironment().withProperty("management.endpoints.web.exposure.include",
				"health,maintenance");
		assertThat(BuildTimeConditions.values(environment)).containsEntry(MaintenanceEndpointAvailability.NAME,
				"available");
		environment.setProperty("management.endpoints.web.exposure.include", "*");
		assertThat(BuildTimeConditions.values(environment)).containsEntry(MaintenanceEndpointAvailability.NAME,
				"available");
		environment.setProperty("management.endpoint.maintenance.access", "NONE");
		assertThat(BuildTimeConditions.values(environment)).containsEntry(MaintenanceEndpointAvailability.NAME,
				"not available");
		environment.setProperty("management.endpoint.maintenance.access", "UNRESTRICTED");
		environment.setProperty("management.endpoints.web.exposure.exclude", "maintenance");
		assertThat(BuildTimeConditions.values(environment)).containsEntry(MaintenanceEndpointAvailability.NAME,
				"not available");
	}

	@Test
	void theHealthIndicatorFollowsTheDefaultsWhenItsOwnPropertyIsAbsent() {
		MockEnvironment environment = new MockEnvironment().withProperty("management.health.defaults.enabled", "false");
		assertThat(BuildTimeConditions.values(environment)).containsEntry("management.health.maintenance.enabled",
				"false");
		environment.setProperty("management.health.maintenance.enabled", "true");
		assertThat(BuildTimeConditions.values(environment)).containsEntry("management.health.maintenance.enabled",
				"true");
	}

	@Test
	void valuesAreComparedIgnoringCase() {
		BuildTimeConditions.check(new MockEnvironment().withProperty("maintenance.store.type", "JDBC"),
				"maintenance.store.type", "jdbc");
	}

	@Test
	void aDifferentValueFails() {
		assertThatIllegalStateException()
			.isThrownBy(() -> BuildTimeConditions.check(
					new MockEnvironment().withProperty("maintenance.filter.enabled", "false"),
					"maintenance.filter.enabled", "true", "maintenance.store.type", "memory"))
			.withMessageContaining("maintenance.filter.enabled was 'true' at build time and is 'false' at run time")
			.withMessageNotContaining("maintenance.store.type");
	}

	@Test
	void theFailureReportListsEachPropertyAndSaysWhatToDo() {
		BuildTimePropertiesChangedException failure = catchThrowableOfType(BuildTimePropertiesChangedException.class,
				() -> BuildTimeConditions.check(new MockEnvironment().withProperty("maintenance.store.type", "redis"),
						"maintenance.store.type", "memory"));
		FailureAnalysis analysis = new BuildTimePropertiesChangedFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription())
			.contains("\n    maintenance.store.type was 'memory' at build time and is 'redis' at run time");
		assertThat(analysis.getAction()).startsWith("Rebuild the AOT sources (or the native image)");
	}

	private static Map.Entry<String, String> entry(String name, String value) {
		return Map.entry(name, value);
	}

}
