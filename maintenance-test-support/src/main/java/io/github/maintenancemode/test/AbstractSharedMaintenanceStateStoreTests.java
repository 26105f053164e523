package io.github.maintenancemode.test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.store.MaintenanceStateRefresher;
import io.github.maintenancemode.support.MaintenanceTaskScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The contract of a store whose engine runs apart from the application (a file, a
 * database, Redis) and so can be unreachable: calls then fail with
 * {@link MaintenanceStoreUnavailableException} (quickly, never hanging), and the store
 * works again once the engine is back ({@link #storeWorksAgainOnceItsEngineIsBack()}).
 * Such an engine can also lose its data (a restart without persistence, a flush, a
 * deleted row) or be rolled back to an older copy: no application instance may be left
 * stuck then, which the tests here check with {@link MaintenanceMode} instances kept in
 * step by their own {@link MaintenanceStateRefresher}, as in an application.
 */
public abstract class AbstractSharedMaintenanceStateStoreTests extends AbstractMaintenanceStateStoreTests {

	/**
	 * Create a store whose engine cannot be reached (for example, pointed at a port
	 * nothing listens on).
	 * @return an unreachable store
	 */
	protected abstract MaintenanceStateStore createUnreachableStore();

	/**
	 * Create a store whose way to its engine the test can cut and restore (a TCP proxy in
	 * front of the server, a directory moved away and back).
	 * @return the store and its switch
	 * @throws Exception on failure
	 */
	protected abstract InterruptibleEngine createInterruptibleStore() throws Exception;

	private final List<MaintenanceStateRefresher> refreshers = new ArrayList<>();

	private final List<MaintenanceTaskScheduler> schedulers = new ArrayList<>();

	/**
	 * Make the engine lose the stored state, as a restart without persistence, a flush or
	 * a deleted row would. Defaults to {@link #clearStoredState()}.
	 * @throws Exception on failure
	 */
	protected void loseStoredState() throws Exception {
		clearStoredState();
	}

	/**
	 * Roll the engine back to an older copy holding {@code older}, as restoring a backup
	 * would: the data is lost, then the older state is stored with a low version.
	 * @param older the state of the older copy
	 * @throws Exception on failure
	 */
	protected void rollBackTo(MaintenanceState older) throws Exception {
		loseStoredState();
		MaintenanceStateStore store = createStore();
		store.write(older, store.read().map(MaintenanceState::version).orElse(0L));
	}

	@AfterEach
	void stopInstances() {
		this.refreshers.forEach(MaintenanceStateRefresher::stop);
		this.refreshers.clear();
		this.schedulers.forEach(MaintenanceTaskScheduler::destroy);
		this.schedulers.clear();
	}

	@Test
	void storeThatSaysItNotifiesDeliversChangesMadeElsewhere() {
		MaintenanceStateStore here = createStore();
		if (!here.notifiesChanges()) {
			return;
		}
		List<MaintenanceState> notified = new CopyOnWriteArrayList<>();
		here.subscribe(notified::add);
		MaintenanceStateStore elsewhere = createStore();
		AtomicInteger writes = new AtomicInteger();
		// until the subscription is up: a store may confirm it later than it returns
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
			write(elsewhere, "before " + writes.incrementAndGet());
			return notified.stream().anyMatch((state) -> isReason(state, "before "));
		});
		write(elsewhere, "pushed");
		// well within any store's safety-net poll, and no poller runs here
		await().atMost(Duration.ofSeconds(2))
			.until(() -> notified.stream().anyMatch((state) -> isReason(state, "pushed")));
	}

	private static void write(MaintenanceStateStore store, String reason) {
		long version = store.read().map(MaintenanceState::version).orElse(0L);
		store.write(
				new MaintenanceState(true, MaintenanceState.Mode.FULL, reason, null, null, null, "contract", version),
				version);
	}

	private static boolean isReason(MaintenanceState state, String prefix) {
		return state.reason() != null && state.reason().startsWith(prefix);
	}

	@Test
	void storeWorksAgainOnceItsEngineIsBack() throws Exception {
		try (InterruptibleEngine engine = createInterruptibleStore()) {
			MaintenanceStateStore store = engine.store();
			MaintenanceState before = store.write(sample("before the outage"), 0);
			engine.cut();
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(store::read)
				.withMessageContaining(store.type());
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class)
				.isThrownBy(() -> store.write(sample("during the outage"), before.version()));
			engine.restore();
			await().atMost(Duration.ofSeconds(20))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(store.read()).contains(before));
			MaintenanceState after = store.write(sample("after the outage"), before.version());
			assertThat(after.version()).isEqualTo(before.version() + 1);
			assertThat(store.read()).contains(after);
		}
	}

	@Test
	void nextChangeAfterTheEngineLostItsDataReachesEveryInstance() throws Exception {
		MaintenanceStateStore store = createStore();
		MaintenanceMode first = startInstance(store);
		MaintenanceMode second = startInstance(anotherInstanceOf(store));
		first.enable("one");
		first.enable("two");
		first.enable("three");
		await().atMost(propagation(store)).until(() -> "three".equals(second.status().reason()));
		loseStoredState();
		MaintenanceState answered = second.disable("operator");
		assertThat(answered.enabled()).isFalse();
		assertThat(second.status()).isEqualTo(answered);
		await().atMost(propagation(store)).until(() -> !first.isActive());
		MaintenanceState again = first.enable("again");
		assertThat(first.status()).isEqualTo(again);
		await().atMost(propagation(store)).until(() -> "again".equals(second.status().reason()));
		assertThat(store.read()).map(MaintenanceState::reason).contains("again");
	}

	@Test
	void nextChangeAfterTheEngineWasRolledBackReachesEveryInstance() throws Exception {
		MaintenanceStateStore store = createStore();
		MaintenanceMode first = startInstance(store);
		MaintenanceMode second = startInstance(anotherInstanceOf(store));
		MaintenanceState backedUp = first.enable("in the backup");
		first.enable("newer");
		first.disable("operator");
		await().atMost(propagation(store)).until(() -> !second.isActive() && second.status().version() > 1);
		rollBackTo(backedUp);
		await().atMost(propagation(store))
			.until(() -> "in the backup".equals(first.status().reason())
					&& "in the backup".equals(second.status().reason()));
		MaintenanceState off = second.disable("operator");
		assertThat(second.status()).isEqualTo(off);
		await().atMost(propagation(store)).until(() -> !first.isActive());
	}

	@Test
	void maintenanceSurvivesTheEngineLosingItsData() throws Exception {
		MaintenanceStateStore store = createStore();
		MaintenanceMode first = startInstance(store);
		first.enable("migration");
		loseStoredState();
		new MaintenanceStoreSync(first).refresh();
		assertThat(first.status().reason()).isEqualTo("migration");
		// written back at once, or one poll later when a poll met the engine while it was
		// losing its data (a table being recreated)
		await().atMost(propagation(store))
			.untilAsserted(() -> assertThat(store.read()).map(MaintenanceState::reason).contains("migration"));
		assertThat(first.status().reason()).isEqualTo("migration");
		MaintenanceMode started = startInstance(anotherInstanceOf(store));
		assertThat(started.status().reason()).isEqualTo("migration");
	}

	private MaintenanceMode startInstance(MaintenanceStateStore store) {
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

	private static Duration propagation(MaintenanceStateStore store) {
		return (store.pollInterval() != null) ? store.pollInterval().multipliedBy(3).plusSeconds(5)
				: Duration.ofSeconds(5);
	}

	@Test
	void readFromAnUnreachableEngineFailsClearly() {
		MaintenanceStateStore store = createUnreachableStore();
		assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(store::read)
			.withMessageContaining(store.type());
	}

	@Test
	void writeToAnUnreachableEngineFailsClearly() {
		MaintenanceStateStore store = createUnreachableStore();
		assertThatExceptionOfType(MaintenanceStoreUnavailableException.class)
			.isThrownBy(() -> store.write(sample("lost?"), 0))
			.withMessageContaining(store.type());
	}

	/**
	 * A store and the switch of the way to its engine.
	 */
	protected interface InterruptibleEngine extends AutoCloseable {

		/**
		 * The store, reaching its engine through the switch.
		 * @return the store
		 */
		MaintenanceStateStore store();

		/**
		 * Make the engine unreachable for the store.
		 * @throws Exception on failure
		 */
		void cut() throws Exception;

		/**
		 * Make the engine reachable again.
		 * @throws Exception on failure
		 */
		void restore() throws Exception;

		@Override
		default void close() throws IOException {
		}

	}

}
