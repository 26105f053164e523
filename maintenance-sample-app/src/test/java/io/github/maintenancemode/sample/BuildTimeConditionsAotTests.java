package io.github.maintenancemode.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.sample.tests.SampleHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.AotDetector;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The sample as built by {@code process-aot}, started with
 * {@code spring.aot.enabled=true} (run only in the build's AOT test execution): it starts
 * and serves its pages with the properties it was built with, and refuses to start, with
 * a message that says what to do, when the store type differs at run time.
 */
class BuildTimeConditionsAotTests {

	private static final String MISMATCH = "maintenance.store.type was 'memory' at build time and is '%s' at run time";

	/**
	 * The sample as its main method starts it: the generated initializer is named after
	 * the main class.
	 */
	private static SpringApplicationBuilder sample() {
		return new SpringApplicationBuilder(SampleApplication.class).main(SampleApplication.class);
	}

	@Test
	void runsOnTheGeneratedCode() {
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
	}

	@Test
	void startsAndServesWithTheBuildTimeStore() {
		try (ConfigurableApplicationContext context = sample().run("--server.port=0", "--maintenance.store.type=memory",
				"--sample.job.interval=1h")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			SampleHttp http = new SampleHttp(port);
			assertThat(http.get("/", "text/html").statusCode()).isEqualTo(200);
			context.getBean(MaintenanceMode.class).enable("Built ahead of time");
			HttpResponse<String> page = http.get("/", "text/html");
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.body()).contains("Built ahead of time", "We&#39;ll be back soon");
		}
	}

	@Test
	void refusesToStartWithAnotherStoreOnTheCommandLine() {
		assertThatIllegalStateException()
			.isThrownBy(() -> sample().run("--server.port=0", "--maintenance.store.type=jdbc"))
			.withMessageContaining(MISMATCH.formatted("jdbc"))
			.withMessageContaining("Rebuild the AOT sources (or the native image) with the run-time values");
	}

	@Test
	void refusesToStartWithAnotherStoreInAnEnvironmentVariable(@TempDir Path directory)
			throws IOException, InterruptedException {
		Path log = directory.resolve("sample.log");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-cp", System.getProperty("java.class.path"),
				SampleApplication.class.getName(), "--server.port=0")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("MAINTENANCE_STORE_TYPE", "redis");
		Process process = builder.start();
		try {
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the sample stopped by itself").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(output).isNotZero();
		assertThat(output).contains("APPLICATION FAILED TO START", MISMATCH.formatted("redis"),
				"Rebuild the AOT sources (or the native image) with the run-time values");
	}

}
