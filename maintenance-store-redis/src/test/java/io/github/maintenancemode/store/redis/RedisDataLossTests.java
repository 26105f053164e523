package io.github.maintenancemode.store.redis;

import java.io.IOException;
import java.time.Duration;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances on a Redis server of the test's own, which loses its data the
 * way real ones do: {@code FLUSHALL}, and a restart without persistence. No instance may
 * be left stuck: maintenance that was on stays on, and the next change made through
 * either instance is served by both.
 */
class RedisDataLossTests {

	private final RedisMaintenanceStoreProperties store = RedisTestSupport.uniqueProperties();

	private RedisServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = RedisServer.start(RedisTestSupport.unusedPort());
	}

	@AfterEach
	void stopServer() {
		this.server.stop();
	}

	@Test
	void flushedRedisNeverLeavesAnInstanceStuck() throws Exception {
		try (MaintenanceInstance a = start(); MaintenanceInstance b = start()) {
			goThroughALoss(a.maintenanceMode(), b.maintenanceMode(), () -> this.server.flushAll());
		}
	}

	@Test
	void restartedRedisNeverLeavesAnInstanceStuck() throws Exception {
		try (MaintenanceInstance a = start(); MaintenanceInstance b = start()) {
			goThroughALoss(a.maintenanceMode(), b.maintenanceMode(), () -> this.server.restart());
		}
	}

	private void goThroughALoss(MaintenanceMode a, MaintenanceMode b, Loss loss) throws Exception {
		a.enable("one");
		a.enable("two");
		a.enable(MaintenanceState.Mode.FULL, "migration", null, "operator");
		await().atMost(Duration.ofSeconds(20)).until(() -> "migration".equals(b.status().reason()));
		loss.happen();
		// the safety-net poll (500 ms here) finds the key gone and writes back the
		// state both instances serve
		await().atMost(Duration.ofSeconds(20)).until(() -> this.server.get(this.store.getKey()) != null);
		assertThat(this.server.get(this.store.getKey())).contains("migration");
		assertThat(a.isActive()).isTrue();
		assertThat(b.isActive()).isTrue();
		MaintenanceState off = b.disable("operator");
		assertThat(off.enabled()).isFalse();
		assertThat(b.status()).isEqualTo(off);
		await().atMost(Duration.ofSeconds(20)).until(() -> !a.isActive());
		MaintenanceState on = a.enable(MaintenanceState.Mode.READ_ONLY, "again", null, "operator");
		assertThat(a.status()).isEqualTo(on);
		await().atMost(Duration.ofSeconds(20)).until(() -> "again".equals(b.status().reason()));
	}

	private MaintenanceInstance start() {
		return MaintenanceInstance.start(this.server.port(), this.store, "maintenance.store.redis.poll-interval=500ms");
	}

	@FunctionalInterface
	private interface Loss {

		void happen() throws Exception;

	}

	/**
	 * A {@code redis-server} process on a loopback port of its own that keeps nothing on
	 * disk.
	 */
	private static final class RedisServer {

		private final int port;

		private Process process;

		private RedisServer(int port) {
			this.port = port;
		}

		static RedisServer start(int port) throws IOException {
			RedisServer server = new RedisServer(port);
			server.launch();
			return server;
		}

		int port() {
			return this.port;
		}

		private void launch() throws IOException {
			this.process = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind",
					RedisTestSupport.HOST, "--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> "PONG".equals(command("PING")));
		}

		void restart() throws Exception {
			stop();
			launch();
		}

		void flushAll() {
			command("FLUSHALL");
		}

		String get(String key) {
			return command("GET", key);
		}

		void stop() {
			this.process.destroy();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private String command(String name, String... arguments) {
			RedisClient client = RedisClient.create(RedisURI.create(RedisTestSupport.HOST, this.port));
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				return switch (name) {
					case "PING" -> connection.sync().ping();
					case "FLUSHALL" -> connection.sync().flushall();
					default -> connection.sync().get(arguments[0]);
				};
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
		}

	}

}
