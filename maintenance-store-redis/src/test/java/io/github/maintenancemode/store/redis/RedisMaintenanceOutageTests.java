package io.github.maintenancemode.store.redis;

import java.time.Duration;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.test.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances on one Redis, the second behind a proxy that cuts it off:
 * while cut off it keeps serving the last state it knew and refuses writes, and it
 * catches up by itself once Redis is reachable again.
 */
class RedisMaintenanceOutageTests {

	private final RedisMaintenanceStoreProperties store = RedisTestSupport.uniqueProperties();

	private TcpProxy proxy;

	@BeforeEach
	void startProxy() throws Exception {
		this.proxy = new TcpProxy(RedisTestSupport.PORT);
	}

	@AfterEach
	void stopProxy() throws Exception {
		this.proxy.close();
		RedisTestSupport.delete(this.store.getKey());
	}

	@Test
	void instanceCutOffFromRedisKeepsItsStateRefusesWritesAndCatchesUpAfterwards() throws Exception {
		try (MaintenanceInstance a = MaintenanceInstance.start(RedisTestSupport.PORT, this.store);
				MaintenanceInstance b = MaintenanceInstance.start(this.proxy.port(), this.store,
						"maintenance.store.redis.poll-interval=500ms")) {
			MaintenanceMode onA = a.maintenanceMode();
			MaintenanceMode onB = b.maintenanceMode();
			onA.enable(MaintenanceState.Mode.FULL, "before the outage", null, "operator");
			await().atMost(Duration.ofSeconds(2)).until(() -> "before the outage".equals(onB.status().reason()));
			MaintenanceState known = onB.status();

			this.proxy.cut();
			long start = System.nanoTime();
			MaintenanceState served = onB.status();
			boolean active = onB.isActive();
			Duration answeredIn = RedisTestSupport.elapsedSince(start);
			assertThat(served).isEqualTo(known);
			assertThat(active).isTrue();
			// far below the store's 2 s timeout: the state is read from memory
			assertThat(answeredIn).isLessThan(Duration.ofSeconds(1));

			new MaintenanceStoreSync(onB).refresh();
			await().atMost(Duration.ofSeconds(5)).until(() -> new MaintenanceStoreSync(onB).storeError() != null);
			assertThat(new MaintenanceStoreSync(onB).storeError()).contains("redis");
			assertThat(onB.status()).isEqualTo(known);

			long write = System.nanoTime();
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class)
				.isThrownBy(() -> onB.disable("instance b"))
				.withMessageContaining("redis");
			// a poll already waiting on Redis finishes first (reads and writes of one
			// instance are serialized): at most two timeouts of 2 s
			assertThat(RedisTestSupport.elapsedSince(write)).isLessThan(Duration.ofSeconds(6));
			assertThat(onB.status()).isEqualTo(known);
			assertThat(a.store().read()).contains(known);

			onA.enable(MaintenanceState.Mode.READ_ONLY, "during the outage", null, "operator");
			this.proxy.restore();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(onB.status().reason()).isEqualTo("during the outage");
				assertThat(onB.status().mode()).isEqualTo(MaintenanceState.Mode.READ_ONLY);
				assertThat(new MaintenanceStoreSync(onB).storeError()).isNull();
			});
			assertThat(a.store().read()).contains(onB.status());

			onA.disable("operator");
			await().atMost(Duration.ofSeconds(2)).until(() -> !onB.isActive());
		}
	}

}
