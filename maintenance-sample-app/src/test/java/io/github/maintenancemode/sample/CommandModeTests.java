package io.github.maintenancemode.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.sample.tests.SampleHttp;
import io.github.maintenancemode.test.LocalServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's own main class run as a command ({@code maintenance on|off|status}) in a
 * JVM of its own, as a deploy pipeline runs {@code java -jar app.jar maintenance ...}:
 * exit codes, output, the store it writes, and an application started afterwards.
 */
class CommandModeTests {

	@TempDir
	Path directory;

	@Test
	void onStatusAndOffWorkOnTheFileStoreConfiguredThroughTheEnvironment() throws Exception {
		Map<String, String> environment = fileStore();
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			// the application's port is taken: a web server would fail to start
			Result on = command(environment, "maintenance", "on", "--reason=Upgrade", "--duration=PT30M",
					"--server.port=" + taken.getLocalPort());
			assertThat(on.code()).as(on.toString()).isZero();
			assertThat(on.out()).startsWith("Maintenance on: FULL, until ")
				.contains("reason 'Upgrade'", "(store file, version 1)");
			assertThat(on.err()).isEmpty();
		}
		Result status = command(environment, "maintenance", "status");
		assertThat(status.code()).as(status.toString()).isZero();
		assertThat(status.out()).contains("\"enabled\":true", "\"reason\":\"Upgrade\"",
				"\"updatedBy\":\"command line\"");

		try (ConfigurableApplicationContext application = startSample(environment)) {
			SampleHttp http = new SampleHttp(port(application));
			HttpResponse<String> refused = http.get("/api/notes", "application/json");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.body()).contains("Upgrade");

			Result off = command(environment, "maintenance", "off", "--by=deploy pipeline");
			assertThat(off.code()).as(off.toString()).isZero();
			assertThat(off.out()).isEqualTo("Maintenance off (store file, version 2)\n");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(http.get("/api/notes", "application/json").statusCode()).isEqualTo(200));
		}
		assertThat(command(environment, "maintenance", "status").out()).contains("\"enabled\":false",
				"\"updatedBy\":\"deploy pipeline\"");
	}

	@Test
	void readOnlyModeAndAPlannedWindowOnPostgreSql() throws Exception {
		String table = "maintenance_state_command_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
		List<String> store = List.of("--maintenance.store.type=jdbc",
				"--spring.datasource.url=jdbc:postgresql://" + LocalServices.HOST + ":" + LocalServices.POSTGRESQL_PORT
						+ "/" + LocalServices.DATABASE,
				"--spring.datasource.username=" + LocalServices.DATABASE_USERNAME,
				"--spring.datasource.password=" + LocalServices.DATABASE_PASSWORD,
				"--maintenance.store.jdbc.initialize-schema=always", "--maintenance.store.jdbc.table-name=" + table);
		Result readOnly = command(Map.of(), with(store, "maintenance", "on", "--mode=read-only", "--reason=Reindex"));
		assertThat(readOnly.code()).as(readOnly.toString()).isZero();
		assertThat(readOnly.out()).startsWith("Maintenance on: READ_ONLY, reason 'Reindex' (store jdbc, version ");

		Result alreadyOn = command(Map.of(), with(store, "maintenance", "on", "--start=2099-01-01T02:00:00Z"));
		assertThat(alreadyOn.code()).as(alreadyOn.toString()).isEqualTo(1);
		assertThat(alreadyOn.err()).isEqualTo(
				"maintenance: Maintenance is already on; switch it off before planning a window; nothing changed\n");

		assertThat(command(Map.of(), with(store, "maintenance", "off")).code()).isZero();
		Result planned = command(Map.of(),
				with(store, "maintenance", "on", "--start=2099-01-01T02:00:00Z", "--duration=PT1H", "--reason=Move"));
		assertThat(planned.code()).as(planned.toString()).isZero();
		assertThat(planned.out()).startsWith(
				"Maintenance planned: FULL, from 2099-01-01T02:00:00Z, until 2099-01-01T03:00:00Z, reason 'Move'");
		assertThat(command(Map.of(), with(store, "maintenance", "status")).out())
			.contains("\"scheduledStart\":\"2099-01-01T02:00:00Z\"");
	}

	@Test
	void unreachableStoreFailsWithOneLineAndExitCodeOne() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		List<String> store = List.of("--maintenance.store.type=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + closed, "--spring.data.redis.timeout=1s",
				"--spring.data.redis.connect-timeout=1s");
		Result on = command(Map.of(), with(store, "maintenance", "on", "--reason=Upgrade"));
		assertThat(on.code()).as(on.toString()).isEqualTo(1);
		assertThat(on.err()).startsWith("maintenance: the maintenance state store 'redis' is unreachable")
			.endsWith("; nothing changed\n")
			.hasLineCount(1);
		Result status = command(Map.of(), with(store, "maintenance", "status"));
		assertThat(status.code()).as(status.toString()).isEqualTo(1);
		assertThat(status.err()).startsWith("maintenance: the maintenance state store 'redis' is unreachable")
			.hasLineCount(1);
		assertThat(status.out()).isEmpty();
	}

	@Test
	void badInputNamesTheProblemAndChangesNothing() throws Exception {
		Map<String, String> environment = fileStore();
		assertThat(command(environment, "maintenance", "on", "--reason=First").code()).isZero();

		Result duration = command(environment, "maintenance", "on", "--duration=soon");
		assertThat(duration.code()).isEqualTo(2);
		assertThat(duration.err()).startsWith("maintenance: 'duration' must be").endsWith("; nothing changed\n");
		Result typo = command(environment, "maintenance", "on", "--reson=Second");
		assertThat(typo.code()).isEqualTo(2);
		assertThat(typo.err()).startsWith("maintenance: unknown option --reson\nusage: maintenance on ");
		Result unknown = command(environment, "maintenance", "restart");
		assertThat(unknown.code()).isEqualTo(2);
		assertThat(unknown.err()).startsWith("maintenance: unknown command 'restart' (on, off or status)\n");
		Result optionOfOn = command(environment, "maintenance", "off", "--reason=Done");
		assertThat(optionOfOn.code()).isEqualTo(2);
		assertThat(optionOfOn.err()).startsWith("maintenance: --reason applies to 'maintenance on' only\n");

		assertThat(command(environment, "maintenance", "status").out()).contains("\"reason\":\"First\"",
				"\"version\":1");
	}

	@Test
	void applicationThatCannotStartFailsWithOneLineAndExitCodeOne() throws Exception {
		Result status = command(Map.of(), "maintenance", "status", "--maintenance.store.type=jdbc",
				"--maintenance.store.jdbc.table-name=state;drop", "--maintenance.store.jdbc.initialize-schema=always");
		assertThat(status.code()).as(status.toString()).isEqualTo(1);
		assertThat(status.err()).startsWith("maintenance: the application could not start (")
			.contains("state;drop")
			.endsWith("; nothing changed\n")
			.hasLineCount(1);
	}

	@Test
	void inMemoryStoreIsRefused() throws Exception {
		Result on = command(Map.of(), "maintenance", "on");
		assertThat(on.code()).isEqualTo(2);
		assertThat(on.err()).startsWith("maintenance: the state store is in memory (maintenance.store.type=memory)");
	}

	private Map<String, String> fileStore() {
		return Map.of("MAINTENANCE_STORE_TYPE", "file", "MAINTENANCE_STORE_FILE_PATH",
				this.directory.resolve("state.json").toString(), "MAINTENANCE_STORE_FILE_POLL_INTERVAL", "200ms");
	}

	private ConfigurableApplicationContext startSample(Map<String, String> environment) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--maintenance.store.type=file",
				"--maintenance.store.file.path=" + environment.get("MAINTENANCE_STORE_FILE_PATH"),
				"--maintenance.store.file.poll-interval=200ms");
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static String[] with(List<String> first, String... rest) {
		List<String> args = new ArrayList<>(first);
		args.addAll(List.of(rest));
		return args.toArray(String[]::new);
	}

	private Result command(Map<String, String> environment, String... args) throws IOException, InterruptedException {
		List<String> commandLine = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), SampleApplication.class.getName()));
		commandLine.addAll(List.of(args));
		Path out = Files.createTempFile(this.directory, "out", ".txt");
		Path err = Files.createTempFile(this.directory, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(commandLine).redirectOutput(out.toFile())
			.redirectError(err.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("the command did not exit: " + Files.readString(out) + Files.readString(err));
		}
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	record Result(int code, String out, String err) {

	}

}
