package io.github.maintenancemode.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.MaintenanceAccessPolicy;
import io.github.maintenancemode.web.MaintenanceRequest;
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
 * The access decision while maintenance is on, with several IP ranges, hosts, paths and a
 * bypass secret configured ({@link MaintenanceContext#ACCESS_RULES}).
 * <ul>
 * <li>(b) {@link #refusedAfterEveryRule()}: a request that no rule admits, so every rule
 * is asked; the auto-configured access policy alone, on a request view built once. It
 * must allocate nothing.</li>
 * <li>(c) {@link #admittedByPathRule()}: the whole filter for a request that
 * {@code maintenance.allow.paths} lets through to the chain.</li>
 * <li>{@link #statusPoll()}: the whole filter for the page's return poll, which the
 * filter answers itself.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class MaintenanceOnBenchmark {

	private MaintenanceContext context;

	private MaintenanceFilter filter;

	private MaintenanceAccessPolicy policy;

	private MaintenanceState state;

	private MaintenanceRequest refused;

	private BenchmarkRequest admitted;

	private BenchmarkRequest poll;

	private RecycledResponse response;

	@Setup
	public void start() {
		this.context = MaintenanceContext.start(MaintenanceContext.ACCESS_RULES);
		this.filter = this.context.filter();
		this.policy = this.context.bean(MaintenanceAccessPolicy.class);
		this.state = this.context.bean(MaintenanceMode.class).enable("Database upgrade");
		this.refused = BenchmarkRequests.view(BenchmarkRequests.refused(BenchmarkRequests.BROWSER_ACCEPT));
		this.admitted = BenchmarkRequests.admittedByPath();
		this.poll = BenchmarkRequests.statusPoll();
		this.response = new RecycledResponse();
		if (this.policy.admits(this.refused, this.state)) {
			throw new IllegalStateException("The refused request was admitted");
		}
		try {
			if (statusPoll().getStatus() != 200 || this.response.bodyLength() == 0) {
				throw new IllegalStateException("The filter does not answer " + this.poll.getRequestURI());
			}
		}
		catch (IOException | ServletException ex) {
			throw new IllegalStateException(ex);
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
	 * (c) A request that the path rule lets through, to a chain that does nothing.
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public void admittedByPathRule() throws IOException, ServletException {
		this.filter.doFilter(this.admitted, this.response, BenchmarkRequests.CHAIN);
	}

	/**
	 * The page's return poll, answered by the filter from the current state.
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public RecycledResponse statusPoll() throws IOException, ServletException {
		this.response.recycle();
		this.filter.doFilter(this.poll, this.response, BenchmarkRequests.CHAIN);
		return this.response;
	}

}
