package io.github.maintenancemode.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.web.reactive.MaintenanceWebFilter;
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

import org.springframework.web.server.ServerWebExchange;

/**
 * (a) for reactive applications: what the web filter adds to every exchange while
 * maintenance is off: the path check against the always-open paths, one volatile read of
 * the state, the in-flight count, the call down the chain, and the subscription the
 * server makes to what the filter returns. A request stays in flight until that
 * completes, so the filter hooks the completion of the chain's {@code Mono}: the one
 * thing it allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class ReactiveMaintenanceOffBenchmark {

	private MaintenanceContext context;

	private MaintenanceWebFilter filter;

	private ServerWebExchange exchange;

	@Setup
	public void start() {
		this.context = MaintenanceContext.startReactive(MaintenanceContext.ACCESS_RULES);
		this.filter = this.context.webFilter();
		this.exchange = ReactiveBenchmarkExchanges.refused(BenchmarkRequests.BROWSER_ACCEPT);
		passThrough();
		if (this.context.bean(MaintenanceActivity.class).inFlightRequests() != 0) {
			throw new IllegalStateException("The exchange is still counted in flight after it completed");
		}
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	/**
	 * An exchange that maintenance would refuse, with maintenance off.
	 */
	@Benchmark
	public void passThrough() {
		this.filter.filter(this.exchange, ReactiveBenchmarkExchanges.CHAIN)
			.subscribe(ReactiveBenchmarkExchanges.SUBSCRIBER);
	}

}
