package io.github.maintenancemode.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.MaintenanceAccessPolicy;
import io.github.maintenancemode.web.MaintenanceRequest;
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
 * The access decision of reactive applications while maintenance is on, with the rules of
 * {@link MaintenanceContext#ACCESS_RULES}.
 * <ul>
 * <li>(b) {@link #refusedAfterEveryRule()}: an exchange that no rule admits, so every
 * rule is asked; the auto-configured access policy alone, on the web filter's request
 * view (with a resolved session) built once. It must allocate nothing.</li>
 * <li>(c) {@link #admittedByPathRule()}: the whole web filter for an exchange that
 * {@code maintenance.allow.paths} lets through to the chain.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class ReactiveMaintenanceOnBenchmark {

	private MaintenanceContext context;

	private MaintenanceWebFilter filter;

	private MaintenanceAccessPolicy policy;

	private MaintenanceState state;

	private MaintenanceRequest refused;

	private ServerWebExchange admitted;

	@Setup
	public void start() {
		this.context = MaintenanceContext.startReactive(MaintenanceContext.ACCESS_RULES);
		this.filter = this.context.webFilter();
		this.policy = this.context.bean(MaintenanceAccessPolicy.class);
		this.state = this.context.bean(MaintenanceMode.class).enable("Database upgrade");
		this.refused = ReactiveBenchmarkExchanges
			.view(ReactiveBenchmarkExchanges.refused(BenchmarkRequests.BROWSER_ACCEPT).getRequest());
		this.admitted = ReactiveBenchmarkExchanges.admittedByPath();
		if (this.policy.admits(this.refused, this.state)) {
			throw new IllegalStateException("The refused request was admitted");
		}
		admittedByPathRule();
		if (this.admitted.getResponse().isCommitted()
				|| this.context.bean(MaintenanceActivity.class).inFlightRequests() != 0) {
			throw new IllegalStateException("The web filter did not pass " + this.admitted.getRequest().getPath());
		}
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	/**
	 * (b) Ask every rule about a request that none admits.
	 * @return {@code false}
	 */
	@Benchmark
	public boolean refusedAfterEveryRule() {
		return this.policy.admits(this.refused, this.state);
	}

	/**
	 * (c) An exchange that the path rule lets through, to a chain that completes at once.
	 */
	@Benchmark
	public void admittedByPathRule() {
		this.filter.filter(this.admitted, ReactiveBenchmarkExchanges.CHAIN)
			.subscribe(ReactiveBenchmarkExchanges.SUBSCRIBER);
	}

}
