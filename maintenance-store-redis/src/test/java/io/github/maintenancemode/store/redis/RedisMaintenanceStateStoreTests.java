package io.github.maintenancemode.store.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateConflictException;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.test.AbstractSharedMaintenanceStateStoreTests;
import io.github.maintenancemode.test.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The store contract, against the Redis server on 127.0.0.1:6379, with each client that
 * Spring Data Redis supports.
 */
class RedisMaintenanceStateStoreTests {

	@Nested
	class Lettuce extends StoreContract {

		@Override
		protected RedisConnectionFactory connectionFactory(int port) {
			return RedisTestSupport.connectionFactory(port);
		}

	}

	@Nested
	class Jedis extends StoreContract {

		@Override
		protected RedisConnectionFactory connectionFactory(int port) {
			return RedisTestSupport.jedisConnectionFactory(port);
		}

	}

	abstract static class StoreContract extends AbstractSharedMaintenanceStateStoreTests {

		private final RedisMaintenanceStoreProperties properties = RedisTestSupport.uniqueProperties();

		private final List<DisposableBean> connectionFactories = new ArrayList<>();

		private final List<RedisMaintenanceStateStore> stores = new ArrayList<>();

		private final RedisConnectionFactory connectionFactory;

		private final StringRedisTemplate redis;

		/**
		 * Return a started connection factory of the client under test.
		 * @param port the port of the server on the loopback interface
		 * @return the connection factory
		 */
		protected abstract RedisConnectionFactory connectionFactory(int port);

		StoreContract() {
			// before the contract's own set-up, which clears the stored state
			this.connectionFactory = connect(RedisTestSupport.PORT);
			this.redis = new StringRedisTemplate(this.connectionFactory);
		}

		private RedisConnectionFactory connect(int port) {
			RedisConnectionFactory connectionFactory = connectionFactory(port);
			this.connectionFactories.add((DisposableBean) connectionFactory);
			return connectionFactory;
		}

		@AfterEach
		void disconnect() throws Exception {
			this.stores.forEach(RedisMaintenanceStateStore::stop);
			this.redis.delete(this.properties.getKey());
			for (DisposableBean connectionFactory : this.connectionFactories) {
				connectionFactory.destroy();
			}
		}

		@Override
		protected void clearStoredState() {
			this.redis.delete(this.properties.getKey());
		}

		@Override
		protected RedisMaintenanceStateStore createStore() {
			return track(RedisTestSupport.store(this.connectionFactory, this.properties));
		}

		@Override
		protected InterruptibleEngine createInterruptibleStore() throws IOException {
			TcpProxy proxy = new TcpProxy(RedisTestSupport.PORT);
			RedisConnectionFactory throughProxy = connect(proxy.port());
			RedisMaintenanceStateStore store = RedisTestSupport.store(throughProxy, this.properties);
			return new InterruptibleEngine() {

				@Override
				public MaintenanceStateStore store() {
					return store;
				}

				@Override
				public void cut() throws IOException {
					proxy.cut();
				}

				@Override
				public void restore() throws IOException {
					proxy.restore();
				}

				@Override
				public void close() throws IOException {
					store.stop();
					proxy.close();
				}

			};
		}

		@Override
		protected RedisMaintenanceStateStore createUnreachableStore() {
			try {
				RedisConnectionFactory unreachable = connect(RedisTestSupport.unusedPort());
				return track(RedisTestSupport.store(unreachable, this.properties));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private RedisMaintenanceStateStore track(RedisMaintenanceStateStore store) {
			this.stores.add(store);
			return store;
		}

		@Test
		void typeIsRedis() {
			assertThat(createStore().type()).isEqualTo("redis");
		}

		@Test
		void pollIntervalIsTheSafetyNetInterval() {
			assertThat(createStore().pollInterval()).isEqualTo(Duration.ofSeconds(10));
		}

		@Test
		void stateIsStoredAsJsonWithIsoTimestamps() {
			createStore().write(sample("as JSON"), 0);
			assertThat(this.redis.opsForValue().get(this.properties.getKey()))
				.startsWith("{\"version\":1,\"enabled\":true,")
				.contains("\"mode\":\"READ_ONLY\"", "\"reason\":\"as JSON\"", "\"since\":\"2026-12-01T01:00:00Z\"",
						"\"until\":\"2026-12-01T02:30:00Z\"", "\"updatedBy\":\"operator\"");
		}

		@Test
		void conflictReportsTheStoredVersion() {
			MaintenanceStateStore store = createStore();
			store.write(sample("one"), 0);
			store.write(sample("two"), 1);
			store.write(sample("three"), 2);
			assertThatExceptionOfType(MaintenanceStateConflictException.class)
				.isThrownBy(() -> store.write(sample("late"), 1))
				.satisfies((ex) -> assertThat(ex.getExpectedVersion()).isEqualTo(1))
				.satisfies((ex) -> assertThat(ex.getActualVersion()).isEqualTo(3));
		}

		@Test
		void everyWriteIsPushedToSubscribersAtOnce() {
			MaintenanceStateStore here = createStore();
			List<MaintenanceState> notified = new CopyOnWriteArrayList<>();
			here.subscribe(notified::add);
			// once subscribed (with Jedis the confirmation may come after the first
			// writes, and the state read on confirmation after a newer message)
			await().atMost(Duration.ofSeconds(10))
				.until(() -> RedisTestSupport.subscribers(this.properties.getChannel()) >= 1);
			MaintenanceStateStore elsewhere = createStore();
			for (int version = 0; version < 5; version++) {
				elsewhere.write(sample("push " + version), version);
			}
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(notified).extracting(MaintenanceState::reason).contains("push 4"));
			assertThat(notified).last().isEqualTo(sample("push 4").withVersion(5));
		}

		@Test
		void subscribingPushesTheStoredStateOnceSubscribed() {
			createStore().write(sample("already stored"), 0);
			List<MaintenanceState> notified = new CopyOnWriteArrayList<>();
			createStore().subscribe(notified::add);
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(notified).contains(sample("already stored").withVersion(1)));
		}

		@Test
		void messageThatIsNotAStateIsIgnored() {
			MaintenanceStateStore store = createStore();
			List<MaintenanceState> notified = new CopyOnWriteArrayList<>();
			store.subscribe(notified::add);
			this.redis.convertAndSend(this.properties.getChannel(), "not json");
			store.write(sample("after the noise"), 0);
			// the subscription may also push the stored state once it is confirmed
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(notified).isNotEmpty()
					.extracting(MaintenanceState::reason)
					.containsOnly("after the noise"));
		}

		@Test
		void valueThatIsNotAStateMakesReadFailClearly() {
			this.redis.opsForValue().set(this.properties.getKey(), "[]");
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(createStore()::read)
				.withMessageContaining("redis")
				.withMessageContaining(this.properties.getKey());
		}

		@Test
		void unreachableRedisFailsWithinTheTimeout() {
			MaintenanceStateStore store = createUnreachableStore();
			long start = System.nanoTime();
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(store::read);
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class)
				.isThrownBy(() -> store.write(sample("lost"), 0));
			assertThat(RedisTestSupport.elapsedSince(start)).isLessThan(Duration.ofSeconds(3));
		}

		@Test
		void subscribingWhileRedisIsUnreachableNeitherBlocksNorThrows() {
			MaintenanceStateStore store = createUnreachableStore();
			long start = System.nanoTime();
			store.subscribe((state) -> {
			});
			assertThat(RedisTestSupport.elapsedSince(start)).isLessThan(Duration.ofSeconds(3));
		}

	}

}
