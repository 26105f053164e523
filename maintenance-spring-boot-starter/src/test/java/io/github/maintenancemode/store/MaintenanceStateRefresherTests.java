package io.github.maintenancemode.store;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.support.MaintenanceTaskScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaintenanceStateRefresher}.
 */
class MaintenanceStateRefresherTests {

	private final MaintenanceTaskScheduler tasks = new MaintenanceTaskScheduler(new ThreadPoolTaskSchedulerBuilder());

	@AfterEach
	void stopScheduler() {
		this.tasks.destroy();
	}

	@Test
	void aLifecycleRestartKeepsOneSubscription() {
		NotifyingStore store = new NotifyingStore();
		MaintenanceMode maintenanceMode = new MaintenanceMode(store, (event) -> {
		}, Clock.systemUTC());
		new MaintenanceStoreSync(maintenanceMode).initialize(MaintenanceState.INITIAL);
		MaintenanceStateRefresher refresher = new MaintenanceStateRefresher(maintenanceMode, store,
				this.tasks.scheduler());
		refresher.start();
		refresher.stop();
		refresher.start();
		assertThat(store.listeners).hasSize(1);
		// a change made elsewhere reaches the switch through that one subscription
		MaintenanceState stored = store.write(
				MaintenanceState.on(MaintenanceState.Mode.FULL, "Elsewhere", null, null, "other"),
				store.read().map(MaintenanceState::version).orElse(0L));
		store.listeners.forEach((listener) -> listener.accept(stored));
		assertThat(maintenanceMode.status().reason()).isEqualTo("Elsewhere");
		refresher.stop();
	}

	/**
	 * An in-memory store that records its subscribers, as a store with change
	 * notification would.
	 */
	static class NotifyingStore extends InMemoryMaintenanceStateStore {

		final List<Consumer<MaintenanceState>> listeners = new CopyOnWriteArrayList<>();

		@Override
		public void subscribe(Consumer<MaintenanceState> listener) {
			this.listeners.add(listener);
		}

		@Override
		public boolean notifiesChanges() {
			return true;
		}

	}

}
