package io.github.maintenancemode.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the allocation goals in a JMH result file (written with {@code -prof gc -rf json
 * -rff FILE}): the filter allocates nothing while maintenance is off, and nothing to
 * refuse a request after asking every rule, on the servlet request view and on the
 * reactive one. Exits with status 1, naming the benchmark, when a goal is missed or a
 * benchmark is missing, so that a regression fails the build.
 */
public final class AllocationGoals {

	/**
	 * The benchmarks that must not allocate.
	 */
	static final List<String> ALLOCATION_FREE = List.of(
			"io.github.maintenancemode.benchmarks.MaintenanceOffBenchmark.passThrough",
			"io.github.maintenancemode.benchmarks.MaintenanceOnBenchmark.refusedAfterEveryRule",
			"io.github.maintenancemode.benchmarks.ReactiveMaintenanceOnBenchmark.refusedAfterEveryRule");

	/**
	 * Bytes per operation below which a benchmark counts as allocation-free: the smallest
	 * object is 16 bytes, and JMH's own measurement shows a few thousandths.
	 */
	static final double THRESHOLD = 0.5;

	private AllocationGoals() {
	}

	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("usage: AllocationGoals <jmh-result.json>");
			System.exit(2);
		}
		List<String> failures = check(JsonMapper.builder().build().readTree(new File(args[0])));
		failures.forEach(System.err::println);
		System.exit(failures.isEmpty() ? 0 : 1);
	}

	/**
	 * Check the results.
	 * @param results the JMH results, as JSON
	 * @return one line per missed goal; empty when every goal is met
	 */
	static List<String> check(JsonNode results) {
		Map<String, Double> allocations = new HashMap<>();
		for (JsonNode result : results) {
			JsonNode norm = result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
			if (norm.isNumber()) {
				allocations.put(result.path("benchmark").asString(), norm.asDouble());
			}
		}
		List<String> failures = new ArrayList<>();
		for (String benchmark : ALLOCATION_FREE) {
			Double bytes = allocations.get(benchmark);
			if (bytes == null) {
				failures.add(benchmark + ": no gc.alloc.rate.norm in the results (run with -prof gc)");
			}
			else if (bytes >= THRESHOLD) {
				failures.add(benchmark + ": allocates " + bytes + " B/op, the goal is 0");
			}
			else {
				System.out.printf("%s: %.3f B/op, goal 0 B/op: met%n", benchmark, bytes);
			}
		}
		return failures;
	}

}
