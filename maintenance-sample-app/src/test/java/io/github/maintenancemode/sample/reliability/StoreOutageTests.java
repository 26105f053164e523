package io.github.maintenancemode.sample.reliability;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.sample.Note;
import io.github.maintenancemode.sample.NoteRepository;
import io.github.maintenancemode.sample.SampleApplication;
import io.github.maintenancemode.store.jdbc.JdbcMaintenanceStateStore;
import io.github.maintenancemode.store.redis.RedisMaintenanceStateStore;
import io.github.maintenancemode.store.redis.RedisMaintenanceStoreProperties;
import io.github.maintenancemode.test.LocalServices;
import io.github.maintenancemode.test.TcpProxy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample application on a shared state store that it reaches through a
 * {@link TcpProxy}; the store disappears in the middle of the load and comes back. No
 * request fails because of it, the health shows the store down and then up, a write tried
 * during the outage is refused with a clear 503 and changes nothing, and after the outage
 * the instance holds the last state written (here by another instance, during the
 * outage).
 */
class StoreOutageTests {

	private static final int CLIENTS = 3;

	private static final String REFUSED_REASON = "refused during the outage";

	private static final String WRITTEN_REASON = "written by another instance during the outage";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Nested
	@DisplayName("Redis")
	class Redis extends Outage {

		private static final int PORT = LocalServices.REDIS_PORT;

		private final String prefix = "reliability:"
				+ Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

		private final LettuceConnectionFactory direct = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(LocalServices.HOST, PORT));

		Redis() {
			super("redis", PORT);
		}

		@Override
		List<String> storeArguments(int port) {
			return List.of("--maintenance.store.type=redis", "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + port, "--spring.data.redis.timeout=1s",
					"--spring.data.redis.connect-timeout=500ms",
					"--maintenance.store.redis.key=" + this.prefix + ":state",
					"--maintenance.store.redis.channel=" + this.prefix + ":changes",
					"--maintenance.store.redis.poll-interval=300ms", "--maintenance.store.redis.timeout=500ms");
		}

		@Override
		MaintenanceStateStore directStore() {
			this.direct.afterPropertiesSet();
			this.direct.start();
			RedisMaintenanceStoreProperties defaults = new RedisMaintenanceStoreProperties();
			return new RedisMaintenanceStateStore(this.direct, this.prefix + ":state", this.prefix + ":changes",
					defaults.getPollInterval(), defaults.getTimeout());
		}

		@Override
		void cleanUp() {
			if (this.direct.isRunning()) {
				try (var connection = this.direct.getConnection()) {
					connection.keyCommands().del((this.prefix + ":state").getBytes(StandardCharsets.UTF_8));
				}
				this.direct.destroy();
			}
		}

	}

	@Nested
	@DisplayName("PostgreSQL")
	class PostgreSql extends Outage {

		private static final int PORT = LocalServices.POSTGRESQL_PORT;

		private final String table = "maintenance_state_reliability_"
				+ Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

		private final DriverManagerDataSource direct = new DriverManagerDataSource(url(PORT),
				LocalServices.DATABASE_USERNAME, LocalServices.DATABASE_PASSWORD);

		PostgreSql() {
			super("jdbc", PORT);
		}

		@Override
		List<String> storeArguments(int port) {
			return List.of("--maintenance.store.type=jdbc", "--spring.datasource.url=" + url(port),
					"--spring.datasource.username=" + LocalServices.DATABASE_USERNAME,
					"--spring.datasource.password=" + LocalServices.DATABASE_PASSWORD,
					"--spring.datasource.hikari.maximum-pool-size=2",
					"--spring.datasource.hikari.connection-timeout=1000",
					"--spring.datasource.hikari.validation-timeout=500",
					"--maintenance.store.jdbc.initialize-schema=always",
					"--maintenance.store.jdbc.table-name=" + this.table,
					"--maintenance.store.jdbc.poll-interval=300ms");
		}

		@Override
		MaintenanceStateStore directStore() {
			return new JdbcMaintenanceStateStore(new JdbcTemplate(this.direct), this.table, Duration.ofSeconds(1));
		}

		@Override
		void cleanUp() {
			new JdbcTemplate(this.direct).execute("DROP TABLE IF EXISTS " + this.table);
		}

		private static String url(int port) {
			return "jdbc:postgresql://" + LocalServices.HOST + ":" + port + "/" + LocalServices.DATABASE
					+ "?connectTimeout=2&socketTimeout=5";
		}

	}

	abstract static class Outage {

		private final String storeType;

		private final int storePort;

		Outage(String storeType, int storePort) {
			this.storeType = storeType;
			this.storePort = storePort;
		}

		abstract List<String> storeArguments(int port);

		abstract MaintenanceStateStore directStore();

		abstract void cleanUp();

		@Test
		void storeCutInTheMiddleOfTheLoadFailsNoRequestAndTheLastWrittenStateWins() throws Exception {
			try (TcpProxy proxy = new TcpProxy(this.storePort);
					ConfigurableApplicationContext app = start(proxy.port())) {
				ReliabilityHttp http = new ReliabilityHttp(
						app.getEnvironment().getProperty("local.server.port", Integer.class, 0));
				NoteRepository notes = app.getBean(NoteRepository.class);
				MaintenanceMode maintenanceMode = app.getBean(MaintenanceMode.class);
				assertThat(http.admin("DELETE", null).statusCode()).isEqualTo(200);
				int notesBefore = notes.count();
				try (Load load = Load.start(http, CLIENTS, Integer.MAX_VALUE)) {
					load.awaitMore(150);
					assertThat(maintenanceHealth(http)).isEqualTo("UP");

					proxy.cut();
					int atCut = load.completed();
					long realAtCut = load.count(Probe.Outcome.REAL);
					long maintenanceAtCut = load.count(Probe.Outcome.MAINTENANCE);
					await().atMost(Duration.ofSeconds(15)).until(() -> "DOWN".equals(maintenanceHealth(http)));
					assertThat(http.admin("GET", null).body()).contains("\"enabled\":false",
							"\"store\":{\"type\":\"" + this.storeType + "\",\"healthy\":false}");

					HttpResponse<String> refused = http.admin("POST",
							"{\"enabled\": true, \"reason\": \"" + REFUSED_REASON + "\"}");
					assertThat(refused.statusCode()).isEqualTo(503);
					assertThat(refused.body()).contains("unreachable", "not changed");
					assertThat(http.admin("GET", null).body()).contains("\"enabled\":false");
					load.awaitMore(150);
					int duringOutage = load.completed() - atCut;
					// the instance kept serving the last state it knew (off):
					// every answer while the store was cut was the real one
					assertThat(load.count(Probe.Outcome.MAINTENANCE)).as("maintenance answers during the outage")
						.isEqualTo(maintenanceAtCut);
					assertThat(load.count(Probe.Outcome.REAL) - realAtCut).as("real answers during the outage")
						.isGreaterThanOrEqualTo(150);

					MaintenanceStateStore other = directStore();
					MaintenanceState before = other.read().orElseThrow();
					Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
					MaintenanceState written = other.write(
							new MaintenanceState(true, MaintenanceState.Mode.READ_ONLY, WRITTEN_REASON, now,
									now.plus(Duration.ofHours(1)), null, "another instance", before.version()),
							before.version());

					proxy.restore();
					await().atMost(Duration.ofSeconds(30))
						.untilAsserted(() -> assertThat(maintenanceMode.status()).isEqualTo(written));
					await().atMost(Duration.ofSeconds(15)).until(() -> "UP".equals(maintenanceHealth(http)));
					assertThat(http.admin("GET", null).body()).contains("\"reason\":\"" + WRITTEN_REASON + "\"",
							"\"healthy\":true");
					assertThat(other.read()).contains(written);
					long maintenanceBefore = load.count(Probe.Outcome.MAINTENANCE);
					load.awaitMore(150);
					assertThat(load.count(Probe.Outcome.MAINTENANCE)).isGreaterThan(maintenanceBefore);

					assertThat(http.admin("DELETE", null).statusCode()).isEqualTo(200);
					assertThat(other.read()).hasValueSatisfying((state) -> assertThat(state.enabled()).isFalse());
					load.awaitMore(100);
					load.finish(true);
					System.out.printf("Store outage (%s): %d requests, %d of them while the store was cut: %s%n",
							this.storeType, load.completed(), duringOutage, load.summary());
					assertThat(load.failures()).as("requests that failed").isEmpty();
					assertThat(duringOutage).isGreaterThanOrEqualTo(150);
					assertNothingLost(notes, notesBefore, load.created(), load.refused());
				}
			}
			finally {
				cleanUp();
			}
		}

		private ConfigurableApplicationContext start(int port) {
			List<String> arguments = new ArrayList<>(
					List.of("--server.port=0", "--spring.main.banner-mode=off", "--sample.job.interval=1h"));
			arguments.addAll(storeArguments(port));
			return new SpringApplicationBuilder(SampleApplication.class).run(arguments.toArray(String[]::new));
		}

		private static String maintenanceHealth(ReliabilityHttp http) {
			HttpResponse<String> health = http.send("GET", "/actuator/health", null, null, ReliabilityHttp.ADMIN);
			JsonNode body = json.readTree(health.body());
			return body.path("components").path("maintenance").path("status").asString();
		}

		private static void assertNothingLost(NoteRepository notes, int notesBefore, Map<String, Long> created,
				Set<String> refused) {
			Map<String, Long> stored = notes.findAll()
				.stream()
				.collect(Collectors.toMap(Note::text, Note::id, (first, second) -> first));
			assertThat(notes.count() - notesBefore).isEqualTo(created.size());
			assertThat(stored).containsAllEntriesOf(created);
			assertThat(stored.keySet()).doesNotContainAnyElementsOf(refused);
		}

	}

}
