package io.github.maintenancemode.store.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis store, unchanged, on a Redis Cluster of three masters started here from the
 * {@code redis-server} package on loopback ports of their own: its state key lives in one
 * hash slot, its write script touches that key only, and its change channel works with
 * cluster pub/sub (a publish on one node reaches the subscribers of every node).
 */
class RedisClusterTests {

	private static final List<Process> servers = new ArrayList<>();

	private static Path directory;

	private static String nodes;

	@BeforeAll
	static void startCluster() throws Exception {
		directory = Files.createTempDirectory("maintenance-redis-cluster");
		List<Integer> ports = clusterPorts(3);
		for (int port : ports) {
			servers.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
					RedisTestSupport.HOST, "--cluster-enabled", "yes", "--cluster-config-file",
					"nodes-" + port + ".conf", "--dir", directory.toString(), "--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("redis-" + port + ".log").toFile())
				.start());
		}
		for (int port : ports) {
			await().atMost(Duration.ofSeconds(30)).until(() -> cli(port, "ping").contains("PONG"));
		}
		nodes = ports.stream().map((port) -> RedisTestSupport.HOST + ":" + port).collect(Collectors.joining(","));
		List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
		ports.forEach((port) -> create.add(RedisTestSupport.HOST + ":" + port));
		create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		String created = run(create);
		assertThat(created).as(created).contains("All 16384 slots covered");
		for (int port : ports) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> cli(port, "cluster", "info").contains("cluster_state:ok"));
		}
	}

	@AfterAll
	static void stopCluster() throws InterruptedException {
		for (Process server : servers) {
			server.destroy();
			server.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void twoInstancesShareTheStateAndItsChangesOnEveryMaster() throws Exception {
		// one store key per master, so that the state lives on each of them in turn
		for (String key : keysOnEachMaster()) {
			RedisMaintenanceStoreProperties store = RedisTestSupport.uniqueProperties();
			store.setKey(key);
			String[] connection = { "spring.data.redis.cluster.nodes=" + nodes,
					// no poll but the first read: a change seen elsewhere came by pub/sub
					"maintenance.store.redis.poll-interval=1h" };
			try (MaintenanceInstance first = MaintenanceInstance.start(store, connection);
					MaintenanceInstance second = MaintenanceInstance.start(store, connection)) {
				await().atMost(Duration.ofSeconds(10))
					.until(() -> RedisTestSupport.subscribersInCluster(nodes, store.getChannel()) >= 2);
				first.maintenanceMode().enable("Upgrade on " + key);
				await().atMost(Duration.ofSeconds(5)).until(() -> second.maintenanceMode().isActive());
				assertThat(second.maintenanceMode().status().reason()).isEqualTo("Upgrade on " + key);
				MaintenanceState off = second.maintenanceMode().disable("operator");
				await().atMost(Duration.ofSeconds(5)).until(() -> !first.maintenanceMode().isActive());
				assertThat(first.maintenanceMode().status().version()).isEqualTo(off.version());
				assertThat(first.store().read()).hasValueSatisfying((state) -> assertThat(state).isEqualTo(off));
				assertThat(cliCluster("get", key)).contains("\"updatedBy\":\"operator\"");
			}
		}
	}

	/**
	 * Keys whose hash slots belong to different masters.
	 */
	private static List<String> keysOnEachMaster() throws Exception {
		List<String> keys = new ArrayList<>();
		List<String> owners = new ArrayList<>();
		String prefix = "maintenance-test:" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
		for (int i = 0; keys.size() < 3 && i < 1000; i++) {
			String key = prefix + ":state-" + i;
			String owner = owner(Integer.parseInt(cliCluster("cluster", "keyslot", key).strip()));
			if (!owners.contains(owner)) {
				owners.add(owner);
				keys.add(key);
			}
		}
		assertThat(keys).hasSize(3);
		return keys;
	}

	private static String owner(int slot) throws Exception {
		for (String line : cliCluster("cluster", "nodes").split("\n")) {
			String[] fields = line.split(" ");
			for (int i = 8; i < fields.length; i++) {
				String[] range = fields[i].split("-");
				int from = Integer.parseInt(range[0]);
				int to = Integer.parseInt(range[range.length - 1]);
				if (slot >= from && slot <= to) {
					return fields[0];
				}
			}
		}
		throw new IllegalStateException("No master owns slot " + slot);
	}

	private static String cliCluster(String... command) throws Exception {
		List<String> args = new ArrayList<>(
				List.of("redis-cli", "-c", "-h", RedisTestSupport.HOST, "-p", nodes.split(",")[0].split(":")[1]));
		args.addAll(List.of(command));
		return run(args);
	}

	private static String cli(int port, String... command) throws Exception {
		List<String> args = new ArrayList<>(
				List.of("redis-cli", "-h", RedisTestSupport.HOST, "-p", Integer.toString(port)));
		args.addAll(List.of(command));
		return run(args);
	}

	private static String run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return output;
	}

	/**
	 * Ports that are free, each with its cluster bus port (10000 above) free too.
	 */
	private static List<Integer> clusterPorts(int count) throws IOException {
		List<Integer> ports = new ArrayList<>();
		while (ports.size() < count) {
			int port = 20000 + ThreadLocalRandom.current().nextInt(10000);
			if (!ports.contains(port) && free(port) && free(port + 10000)) {
				ports.add(port);
			}
		}
		return ports;
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return socket.isBound();
		}
		catch (IOException ex) {
			return false;
		}
	}

}
