package io.github.maintenancemode.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.support.MaintenanceTaskScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one {@code MAINTENANCE} file, each kept in step by its own refresher
 * at the default poll interval of one second: how long a change takes to reach the other
 * instance, when made through one instance and when made to the file by hand. The test
 * prints the figures that BENCHMARKS.md reports.
 */
class FileStoreFleetTests {

	private static final int TOGGLES = 16;

	@TempDir
	private Path directory;

	private final List<MaintenanceStateRefresher> refreshers = new ArrayList<>();

	private final List<MaintenanceTaskScheduler> schedulers = new ArrayList<>();

	@AfterEach
	void stop() {
		this.refreshers.forEach(MaintenanceStateRefresher::stop);
		this.schedulers.forEach(MaintenanceTaskScheduler::destroy);
		this.schedulers.clear();
	}

	@Test
	void changeThroughOneInstanceReachesTheOtherWithinAPoll() {
		MaintenanceMode a = start();
		MaintenanceMode b = start();
		List<Long> delays = new ArrayList<>();
		for (int toggle = 0; toggle < TOGGLES; toggle++) {
			boolean enable = toggle % 2 == 0;
			pauseForAPartOfThePollInterval();
			long start = System.nanoTime();
			if (enable) {
				a.enable("toggle " + toggle);
			}
			else {
				a.disable("fleet test");
			}
			await().pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.atMost(Duration.ofSeconds(5))
				.until(() -> b.isActive() == enable);
			delays.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
		}
		assertThat(b.status()).isEqualTo(a.status());
		report("file, switched through one instance", delays);
	}

	@Test
	void changeToTheFileByHandReachesBothInstancesWithinAPoll() throws Exception {
		MaintenanceMode a = start();
		MaintenanceMode b = start();
		Path file = this.directory.resolve("MAINTENANCE");
		List<Long> delays = new ArrayList<>();
		for (int toggle = 0; toggle < TOGGLES; toggle++) {
			boolean enable = toggle % 2 == 0;
			pauseForAPartOfThePollInterval();
			long start = System.nanoTime();
			if (enable) {
				Files.writeString(file, "by hand " + toggle, StandardCharsets.UTF_8);
			}
			else {
				Files.delete(file);
			}
			await().pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.atMost(Duration.ofSeconds(5))
				.until(() -> a.isActive() == enable && b.isActive() == enable);
			delays.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
		}
		report("file, changed by hand", delays);
	}

	private MaintenanceMode start() {
		FileMaintenanceStateStore store = new FileMaintenanceStateStore(this.directory.resolve("MAINTENANCE"));
		MaintenanceMode instance = new MaintenanceMode(store, (event) -> {
		}, Clock.systemUTC());
		new MaintenanceStoreSync(instance).initialize(MaintenanceState.INITIAL);
		MaintenanceTaskScheduler tasks = new MaintenanceTaskScheduler(new ThreadPoolTaskSchedulerBuilder());
		this.schedulers.add(tasks);
		MaintenanceStateRefresher refresher = new MaintenanceStateRefresher(instance, store, tasks.scheduler());
		refresher.start();
		this.refreshers.add(refresher);
		return instance;
	}

	/**
	 * Wait for a random part of the poll interval, so that changes land at random points
	 * of the other instance's polling cycle instead of just after its last poll.
	 */
	private static void pauseForAPartOfThePollInterval() {
		Duration pause = Duration.ofMillis(ThreadLocalRandom.current().nextLong(1000));
		await().pollDelay(pause).until(() -> true);
	}

	private static void report(String what, List<Long> delays) {
		Collections.sort(delays);
		System.out.printf("Propagation (%s, poll interval 1 s) over %d toggles: median %d ms, max %d ms%n", what,
				delays.size(), delays.get(delays.size() / 2), delays.get(delays.size() - 1));
		assertThat(delays.get(delays.size() - 1)).as("at most a poll, plus scheduling").isLessThan(3000);
	}

}
