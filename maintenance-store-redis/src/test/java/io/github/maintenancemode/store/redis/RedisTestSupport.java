package io.github.maintenancemode.store.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import io.github.maintenancemode.test.LocalServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Connections to the Redis server the tests run against ({@link LocalServices}).
 */
final class RedisTestSupport {

	static final String HOST = LocalServices.HOST;

	static final int PORT = LocalServices.REDIS_PORT;

	private RedisTestSupport() {
	}

	/**
	 * A started connection factory for the given port on the loopback interface, with the
	 * client's defaults (among them a command timeout of 60 seconds).
	 * @param port the port
	 * @return the connection factory
	 */
	static LettuceConnectionFactory connectionFactory(int port) {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(HOST, port), LettuceClientConfiguration.defaultConfiguration());
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		return connectionFactory;
	}

	/**
	 * A started Jedis connection factory for the given port on the loopback interface,
	 * with the client's defaults.
	 * @param port the port
	 * @return the connection factory
	 */
	static JedisConnectionFactory jedisConnectionFactory(int port) {
		JedisConnectionFactory connectionFactory = new JedisConnectionFactory(
				new RedisStandaloneConfiguration(HOST, port), JedisClientConfiguration.defaultConfiguration());
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		return connectionFactory;
	}

	/**
	 * Store properties with a key and channel of their own, so that test classes never
	 * see each other's state.
	 * @return the properties
	 */
	static RedisMaintenanceStoreProperties uniqueProperties() {
		String prefix = "maintenance-test:" + UUID.randomUUID() + ":";
		RedisMaintenanceStoreProperties properties = new RedisMaintenanceStoreProperties();
		properties.setKey(prefix + "state");
		properties.setChannel(prefix + "changes");
		return properties;
	}

	/**
	 * Create a store with the given properties, as the auto-configuration does.
	 * @param connectionFactory the connection factory
	 * @param properties the key, channel and timings
	 * @return the store
	 */
	static RedisMaintenanceStateStore store(RedisConnectionFactory connectionFactory,
			RedisMaintenanceStoreProperties properties) {
		return new RedisMaintenanceStateStore(connectionFactory, properties.getKey(), properties.getChannel(),
				properties.getPollInterval(), properties.getTimeout());
	}

	/**
	 * A loopback port that nothing listens on.
	 * @return the port
	 * @throws IOException if no port can be found
	 */
	static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The number of clients subscribed to a channel.
	 * @param channel the channel
	 * @return the number of subscribers
	 */
	static long subscribers(String channel) {
		return redis((commands) -> commands.pubsubNumsub(channel).getOrDefault(channel, 0L));
	}

	/**
	 * The number of clients subscribed to a channel on all the nodes of a cluster.
	 * @param nodes the nodes, as {@code host:port,...}
	 * @param channel the channel
	 * @return the number of subscribers
	 */
	static long subscribersInCluster(String nodes, String channel) {
		long subscribers = 0;
		for (String node : nodes.split(",")) {
			String[] hostAndPort = node.split(":");
			RedisClient client = RedisClient.create(RedisURI.create(hostAndPort[0], Integer.parseInt(hostAndPort[1])));
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				subscribers += connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
		}
		return subscribers;
	}

	/**
	 * Delete a key.
	 * @param key the key
	 */
	static void delete(String key) {
		redis((commands) -> commands.del(key));
	}

	private static <T> T redis(Function<RedisCommands<String, String>, T> action) {
		RedisClient client = RedisClient.create(RedisURI.create(HOST, PORT));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return action.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	static Duration elapsedSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

}
