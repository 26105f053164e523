package io.github.maintenancemode.benchmarks;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AllocationGoals}, on JMH result files of the form JMH writes.
 */
class AllocationGoalsTests {

	private static JsonNode results(double off, double refused) {
		String result = """
				{"benchmark": "io.github.maintenancemode.benchmarks.%s", "mode": "avgt",
				 "primaryMetric": {"score": 15.0, "scoreUnit": "ns/op"},
				 "secondaryMetrics": {"gc.alloc.rate.norm": {"score": %s, "scoreUnit": "B/op"}}}
				""";
		return JsonMapper.builder()
			.build()
			.readTree("[" + result.formatted("MaintenanceOffBenchmark.passThrough", off) + ","
					+ result.formatted("MaintenanceOnBenchmark.refusedAfterEveryRule", refused) + ","
					+ result.formatted("ReactiveMaintenanceOnBenchmark.refusedAfterEveryRule", 0.002) + "]");
	}

	@Test
	void jmhNoiseMeetsTheGoals() {
		assertThat(AllocationGoals.check(results(0.001, 0.007))).isEmpty();
	}

	@Test
	void anAllocationMissesTheGoalAndNamesTheBenchmark() {
		assertThat(AllocationGoals.check(results(0.001, 24.0))).singleElement()
			.asString()
			.contains("refusedAfterEveryRule", "24.0 B/op");
	}

	@Test
	void aMissingBenchmarkOrProfilerMissesTheGoal() {
		assertThat(AllocationGoals.check(JsonMapper.builder().build().readTree("[]"))).hasSize(3);
	}

}
