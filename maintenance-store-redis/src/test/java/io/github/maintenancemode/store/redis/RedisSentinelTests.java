package io.github.maintenancemode.store.redis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis store, unchanged, behind Sentinel: one master, one replica and a sentinel
 * started here from the {@code redis-server} package on loopback ports of their own. The
 * master is killed while two instances share the state and serve requests; the sentinel
 * promotes the replica, no request fails, the state survives, and both instances follow
 * the next change on the new master.
 */
class RedisSentinelTests {

	private static final String MASTER_NAME = "maintenance-test-master";

	private final List<Process> servers = new ArrayList<>();

	@TempDir
	Path directory;

	@AfterEach
	void stopServers() throws InterruptedException {
		for (Process server : this.servers) {
			server.destroyForcibly();
			server.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void stateSurvivesTheMastersDeathAndChangesGoOnAfterTheFailover() throws Exception {
		int masterPort = RedisTestSupport.unusedPort();
		int replicaPort = RedisTestSupport.unusedPort();
		int sentinelPort = RedisTestSupport.unusedPort();
		Process master = redisServer("--port", Integer.toString(masterPort));
		redisServer("--port", Integer.toString(replicaPort), "--replicaof", RedisTestSupport.HOST,
				Integer.toString(masterPort));
		Path sentinelConfig = this.directory.resolve("sentinel.conf");
		Files.writeString(sentinelConfig,
				String.join("\n", "port " + sentinelPort, "bind " + RedisTestSupport.HOST, "dir " + this.directory,
						"sentinel monitor " + MASTER_NAME + " " + RedisTestSupport.HOST + " " + masterPort + " 1",
						"sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
						"sentinel failover-timeout " + MASTER_NAME + " 5000", ""));
		start(List.of("redis-server", sentinelConfig.toString(), "--sentinel"), "sentinel");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> cli(sentinelPort, "sentinel", "replicas", MASTER_NAME)
				.contains(Integer.toString(replicaPort)));

		RedisMaintenanceStoreProperties store = RedisTestSupport.uniqueProperties();
		String[] connection = { "spring.data.redis.sentinel.master=" + MASTER_NAME,
				"spring.data.redis.sentinel.nodes=" + RedisTestSupport.HOST + ":" + sentinelPort,
				"spring.data.redis.timeout=1s", "maintenance.store.redis.poll-interval=1s" };
		try (MaintenanceInstance first = MaintenanceInstance.startServing(store, connection);
				MaintenanceInstance second = MaintenanceInstance.startServing(store, connection)) {
			first.maintenanceMode().enable("Before the failover");
			await().atMost(Duration.ofSeconds(5)).until(() -> second.maintenanceMode().isActive());
			Traffic traffic = Traffic.start(first.ping(), second.ping());
			// the replica has the state before the master dies
			await().atMost(Duration.ofSeconds(10))
				.until(() -> cli(replicaPort, "get", store.getKey()).contains("Before the failover"));

			master.destroyForcibly();
			master.waitFor(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> cli(sentinelPort, "sentinel", "get-master-addr-by-name", MASTER_NAME)
					.contains(Integer.toString(replicaPort)));

			assertThat(first.maintenanceMode().isActive()).isTrue();
			assertThat(second.maintenanceMode().isActive()).isTrue();
			// a write fails while the client has not yet found the new master, and
			// changes nothing; once it has, the write goes through
			MaintenanceState off = await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> second.maintenanceMode().disable("after the failover"), (state) -> !state.enabled());
			await().atMost(Duration.ofSeconds(30)).until(() -> !first.maintenanceMode().isActive());
			Map<String, Integer> outcomes = traffic.stop();
			System.out.printf("Requests through the failover, by outcome: %s%n", outcomes);
			// every request got its answer, from the instance's memory: the maintenance
			// response while the store was failing over, the application once it was off
			assertThat(outcomes).as("requests by outcome").containsKey("503");
			assertThat(outcomes.keySet()).as("requests by outcome: %s", outcomes).isSubsetOf("503", "200");
			assertThat(traffic.get(first.ping())).isEqualTo(200);
			assertThat(traffic.get(second.ping())).isEqualTo(200);
			assertThat(first.maintenanceMode().status().version()).isEqualTo(off.version());
			assertThat(cli(replicaPort, "get", store.getKey())).contains("\"updatedBy\":\"after the failover\"");
		}
	}

	private Process redisServer(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("redis-server", "--bind", RedisTestSupport.HOST, "--save", "",
				"--appendonly", "no", "--dir", this.directory.toString()));
		command.addAll(List.of(arguments));
		Process process = start(command, "redis-" + arguments[1]);
		int port = Integer.parseInt(arguments[1]);
		await().atMost(Duration.ofSeconds(30)).until(() -> cli(port, "ping").contains("PONG"));
		return process;
	}

	private Process start(List<String> command, String name) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve(name + ".log").toFile())
			.start();
		this.servers.add(process);
		return process;
	}

	private static String cli(int port, String... command) throws IOException, InterruptedException {
		List<String> args = new ArrayList<>(
				List.of("redis-cli", "-h", RedisTestSupport.HOST, "-p", Integer.toString(port)));
		args.addAll(List.of(command));
		Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return output;
	}

	/**
	 * Requests sent 10 ms apart, in turn to each instance, from a thread of their own;
	 * each outcome is counted by status, or by the exception's type when there was no
	 * answer.
	 */
	private static final class Traffic {

		private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

		private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

		private final AtomicInteger sent = new AtomicInteger();

		private final ScheduledExecutorService sender;

		private Traffic() {
			// a daemon thread: a failed test does not wait for it
			CustomizableThreadFactory threads = new CustomizableThreadFactory("failover-traffic-");
			threads.setDaemon(true);
			this.sender = Executors.newSingleThreadScheduledExecutor(threads);
		}

		static Traffic start(URI... targets) {
			Traffic traffic = new Traffic();
			traffic.sender.scheduleWithFixedDelay(() -> traffic.send(targets), 0, 10, TimeUnit.MILLISECONDS);
			return traffic;
		}

		private void send(URI... targets) {
			URI target = targets[this.sent.getAndIncrement() % targets.length];
			String outcome;
			try {
				outcome = Integer.toString(get(target));
			}
			catch (IOException ex) {
				outcome = ex.getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			this.outcomes.merge(outcome, 1, Integer::sum);
		}

		int get(URI target) throws IOException, InterruptedException {
			HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5)).GET().build();
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}

		Map<String, Integer> stop() throws InterruptedException {
			this.sender.shutdown();
			this.sender.awaitTermination(10, TimeUnit.SECONDS);
			return Map.copyOf(this.outcomes);
		}

	}

}
