package io.github.maintenancemode.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.web.servlet.MaintenanceFilter;
import jakarta.servlet.ServletException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (a) What the filter adds to every request while maintenance is off: the path check
 * against the always-open paths, one volatile read of the state, the in-flight count and
 * the call down the chain. It must allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class MaintenanceOffBenchmark {

	private MaintenanceContext context;

	private MaintenanceFilter filter;

	private BenchmarkRequest request;

	private RecycledResponse response;

	@Setup
	public void start() {
		this.context = MaintenanceContext.start(MaintenanceContext.ACCESS_RULES);
		this.filter = this.context.filter();
		this.request = BenchmarkRequests.refused(BenchmarkRequests.BROWSER_ACCEPT);
		this.response = new RecycledResponse();
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	/**
	 * A request that maintenance would refuse, with maintenance off.
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public void passThrough() throws IOException, ServletException {
		this.filter.doFilter(this.request, this.response, BenchmarkRequests.CHAIN);
	}

}
