package io.github.maintenancemode.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.test.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store's subscription across Redis outages: one store reaches Redis directly, the
 * other through a proxy that can cut the connection.
 */
class RedisSubscriptionRecoveryTests {

	private final RedisMaintenanceStoreProperties properties = RedisTestSupport.uniqueProperties();

	private final List<MaintenanceState> notified = new CopyOnWriteArrayList<>();

	private TcpProxy proxy;

	private LettuceConnectionFactory directConnection;

	private LettuceConnectionFactory proxiedConnection;

	private RedisMaintenanceStateStore direct;

	private RedisMaintenanceStateStore proxied;

	@BeforeEach
	void connect() throws Exception {
		this.proxy = new TcpProxy(RedisTestSupport.PORT);
		this.directConnection = RedisTestSupport.connectionFactory(RedisTestSupport.PORT);
		this.proxiedConnection = RedisTestSupport.connectionFactory(this.proxy.port());
		this.direct = RedisTestSupport.store(this.directConnection, this.properties);
		this.proxied = RedisTestSupport.store(this.proxiedConnection, this.properties);
	}

	@AfterEach
	void disconnect() throws Exception {
		this.proxy.restore();
		this.proxied.stop();
		this.direct.stop();
		this.proxiedConnection.destroy();
		this.directConnection.destroy();
		this.proxy.close();
		RedisTestSupport.delete(this.properties.getKey());
	}

	@Test
	void subscriptionResumesAfterTheConnectionIsLostAndCatchesUpWithChangesMadeMeanwhile() throws Exception {
		this.proxied.subscribe(this.notified::add);
		this.direct.write(sample("before the cut"), 0);
		awaitNotified("before the cut");
		this.proxy.cut();
		this.direct.write(sample("during the cut"), 1);
		this.proxy.restore();
		awaitNotified("during the cut");
		this.direct.write(sample("after the cut"), 2);
		awaitNotified("after the cut");
	}

	@Test
	void subscriptionThatFailedAtStartupIsMadeOnceRedisAnswers() throws Exception {
		this.proxy.cut();
		this.proxied.subscribe(this.notified::add);
		this.direct.write(sample("while unreachable"), 0);
		this.proxy.restore();
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(this.proxied.read()).isPresent());
		awaitNotified("while unreachable");
		this.direct.write(sample("once subscribed"), 1);
		awaitNotified("once subscribed");
	}

	private void awaitNotified(String reason) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.notified).extracting(MaintenanceState::reason).contains(reason));
	}

	private static MaintenanceState sample(String reason) {
		return new MaintenanceState(true, MaintenanceState.Mode.FULL, reason, null, null, null, "test", 0);
	}

}
