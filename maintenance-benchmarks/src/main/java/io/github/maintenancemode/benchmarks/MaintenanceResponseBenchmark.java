package io.github.maintenancemode.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.MaintenanceResponseKind;
import io.github.maintenancemode.web.servlet.MaintenanceFilter;
import io.github.maintenancemode.web.servlet.MaintenanceResponseWriter;
import jakarta.servlet.ServletException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (d) The maintenance response, served from the bytes cached for the current state, in
 * the representation the {@code Accept} header asks for.
 * <ul>
 * <li>{@link #writeCachedResponse()}: the auto-configured response writer alone.</li>
 * <li>{@link #refusedRequest()}: the whole filter for a request that no rule admits:
 * every rule asked, the representation chosen, the response written.</li>
 * </ul>
 * One {@link RecycledResponse} is reused: each invocation first recycles it (a few field
 * writes), so what is allocated is the starter's own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class MaintenanceResponseBenchmark {

	/**
	 * The {@code Accept} header: a browser's or an API client's.
	 */
	@Param({ "html", "json" })
	public String accept;

	private MaintenanceContext context;

	private MaintenanceFilter filter;

	private MaintenanceResponseWriter writer;

	private MaintenanceState state;

	private MaintenanceResponseKind kind;

	private BenchmarkRequest request;

	private RecycledResponse response;

	@Setup
	public void start() {
		this.context = MaintenanceContext.start(MaintenanceContext.ACCESS_RULES);
		this.filter = this.context.filter();
		this.writer = this.context.bean(MaintenanceResponseWriter.class);
		this.state = this.context.bean(MaintenanceMode.class).enable("Database upgrade");
		this.request = BenchmarkRequests
			.refused(this.accept.equals("html") ? BenchmarkRequests.BROWSER_ACCEPT : BenchmarkRequests.API_ACCEPT);
		this.kind = this.writer.responses().kindFor(BenchmarkRequests.view(this.request));
		this.response = new RecycledResponse();
		try {
			check(writeCachedResponse());
			check(refusedRequest());
		}
		catch (IOException | ServletException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void check(RecycledResponse response) {
		if (response.getStatus() != 503 || response.bodyLength() == 0 || response.getHeader("Retry-After") == null) {
			throw new IllegalStateException("Not a maintenance response: " + response.getStatus());
		}
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	/**
	 * The response writer alone, for a representation chosen beforehand.
	 * @return the response
	 * @throws IOException never
	 */
	@Benchmark
	public RecycledResponse writeCachedResponse() throws IOException {
		this.response.recycle();
		this.writer.write(this.kind, this.request, this.state, this.response);
		return this.response;
	}

	/**
	 * The whole filter for a request that no rule admits.
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public RecycledResponse refusedRequest() throws IOException, ServletException {
		this.response.recycle();
		this.filter.doFilter(this.request, this.response, BenchmarkRequests.CHAIN);
		return this.response;
	}

}
