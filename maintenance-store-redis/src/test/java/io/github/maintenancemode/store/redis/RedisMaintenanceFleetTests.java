package io.github.maintenancemode.store.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.maintenancemode.MaintenanceMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances on one Redis: a change made on one reaches the other by
 * pub/sub, long before the safety-net poll would bring it.
 */
class RedisMaintenanceFleetTests {

	private static final int TOGGLES = 60;

	private final RedisMaintenanceStoreProperties store = RedisTestSupport.uniqueProperties();

	@AfterEach
	void deleteKey() {
		RedisTestSupport.delete(this.store.getKey());
	}

	@Test
	void changeOnOneInstanceReachesTheOtherByPubSub() {
		try (MaintenanceInstance a = MaintenanceInstance.start(RedisTestSupport.PORT, this.store,
				"maintenance.store.redis.poll-interval=1m");
				MaintenanceInstance b = MaintenanceInstance.start(RedisTestSupport.PORT, this.store,
						"maintenance.store.redis.poll-interval=1m")) {
			MaintenanceMode onA = a.maintenanceMode();
			MaintenanceMode onB = b.maintenanceMode();
			List<Long> delays = new ArrayList<>();
			for (int toggle = 0; toggle < TOGGLES; toggle++) {
				boolean enable = toggle % 2 == 0;
				long start = System.nanoTime();
				if (enable) {
					onA.enable("toggle " + toggle);
				}
				else {
					onA.disable("fleet test");
				}
				await().pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(1))
					.atMost(Duration.ofSeconds(2))
					.until(() -> onB.isActive() == enable);
				delays.add(RedisTestSupport.elapsedSince(start).toMillis());
			}
			assertThat(onB.status()).isEqualTo(onA.status());
			Collections.sort(delays);
			System.out.printf(
					"Redis propagation over %d toggles, from the call on A until B is in step: "
							+ "median %d ms, max %d ms%n",
					TOGGLES, delays.get(delays.size() / 2), delays.get(delays.size() - 1));
			assertThat(delays.get(delays.size() - 1)).isLessThan(2000);
		}
	}

}
