package io.github.maintenancemode.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.web.MaintenanceResponseKind;
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
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.MediaType;

/**
 * (e) The choice of representation from the {@code Accept} header, which every request
 * answered during maintenance makes, side by side:
 * <ul>
 * <li>{@link #handWritten()}: {@link MaintenanceResponseKind#negotiate}, which reads the
 * header in place;</li>
 * <li>{@link #springMediaType()}: the same rule on Spring's
 * {@link MediaType#parseMediaTypes(String)}, whose parsed types Spring caches.</li>
 * </ul>
 * Both answer the same for well-formed headers (the starter's property tests check the
 * first against a reference built like the second).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class AcceptNegotiationBenchmark {

	/**
	 * The {@code Accept} header: a browser's, an API client's, or curl's.
	 */
	@Param({ "browser", "api", "curl" })
	public String client;

	private String accept;

	@Setup
	public void setUp() {
		this.accept = switch (this.client) {
			case "browser" -> "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
					+ "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
			case "api" -> "application/json";
			default -> "*/*";
		};
	}

	@Benchmark
	public MaintenanceResponseKind handWritten() {
		return MaintenanceResponseKind.negotiate(this.accept);
	}

	@Benchmark
	public MaintenanceResponseKind springMediaType() {
		List<MediaType> types = MediaType.parseMediaTypes(this.accept);
		double html = 0;
		double json = 0;
		double plain = 0;
		for (MediaType type : types) {
			double quality = type.getQualityValue();
			String name = type.getType() + "/" + type.getSubtype();
			if (name.equals("text/html") || name.equals("application/xhtml+xml")) {
				html = Math.max(html, quality);
			}
			else if (type.getType().equals("application")
					&& (name.equals("application/json") || type.isWildcardSubtype() || name.endsWith("+json"))) {
				json = Math.max(json, quality);
			}
			else if (name.equals("text/plain") || name.equals("text/*")) {
				plain = Math.max(plain, quality);
			}
		}
		if (html > 0 && html >= json && html >= plain) {
			return MaintenanceResponseKind.HTML;
		}
		if (json > 0 && json >= plain) {
			return MaintenanceResponseKind.JSON;
		}
		return MaintenanceResponseKind.PLAIN;
	}

}
