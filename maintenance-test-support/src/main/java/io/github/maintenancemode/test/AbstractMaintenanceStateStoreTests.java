package io.github.maintenancemode.test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateConflictException;
import io.github.maintenancemode.MaintenanceStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The contract every {@link MaintenanceStateStore} passes: round trip, versioned writes,
 * concurrent writers, changes made by another instance, restart survival. Each store's
 * test class extends it (or {@link AbstractSharedMaintenanceStateStoreTests} for stores
 * whose engine can be unreachable).
 */
public abstract class AbstractMaintenanceStateStoreTests {

	private static final Instant SINCE = Instant.parse("2026-12-01T01:00:00Z");

	private static final Instant UNTIL = Instant.parse("2026-12-01T02:30:00Z");

	/**
	 * Remove whatever state the engine holds, before each test.
	 * @throws Exception on failure
	 */
	protected abstract void clearStoredState() throws Exception;

	/**
	 * Create a store. Two stores created by one test stand for two application instances
	 * on the same engine (for the in-memory store, one engine is one store instance).
	 * @return a store
	 */
	protected abstract MaintenanceStateStore createStore();

	/**
	 * Return a second store on the same engine as {@code store}: another application
	 * instance, or the same application after a restart.
	 * @param store the first store
	 * @return another store on the same engine
	 */
	protected MaintenanceStateStore anotherInstanceOf(MaintenanceStateStore store) {
		return createStore();
	}

	@BeforeEach
	void clear() throws Exception {
		clearStoredState();
	}

	@Test
	void emptyStoreHoldsNoState() {
		assertThat(createStore().read()).isEmpty();
	}

	@Test
	void writtenStateIsReadBackWithEveryField() {
		MaintenanceStateStore store = createStore();
		MaintenanceState written = store.write(sample("Datenbank-Upgrade: \"v2\" <ok> ✓"), 0);
		assertThat(written.version()).isEqualTo(1);
		Optional<MaintenanceState> read = store.read();
		assertThat(read).contains(sample("Datenbank-Upgrade: \"v2\" <ok> ✓").withVersion(1));
		assertThat(read.get().since()).isEqualTo(SINCE);
		assertThat(read.get().until()).isEqualTo(UNTIL);
	}

	@Test
	void stateWithoutOptionalFieldsRoundTrips() {
		MaintenanceStateStore store = createStore();
		MaintenanceState off = new MaintenanceState(false, MaintenanceState.Mode.FULL, null, null, null, null, null, 0);
		store.write(off, 0);
		assertThat(store.read()).contains(off.withVersion(1));
	}

	@Test
	void everyWriteIncrementsTheVersion() {
		MaintenanceStateStore store = createStore();
		for (int i = 0; i < 5; i++) {
			MaintenanceState written = store.write(sample("step " + i), i);
			assertThat(written.version()).isEqualTo(i + 1);
		}
		assertThat(store.read()).map(MaintenanceState::reason).contains("step 4");
	}

	@Test
	void writeWithStaleVersionIsRejectedAndChangesNothing() {
		MaintenanceStateStore store = createStore();
		store.write(sample("first"), 0);
		store.write(sample("second"), 1);
		assertThatExceptionOfType(MaintenanceStateConflictException.class)
			.isThrownBy(() -> store.write(sample("stale"), 1));
		assertThat(store.read()).map(MaintenanceState::reason).contains("second");
		assertThat(store.read()).map(MaintenanceState::version).contains(2L);
	}

	@Test
	void firstWriteOnANonEmptyStoreIsRejected() {
		MaintenanceStateStore store = createStore();
		store.write(sample("first"), 0);
		assertThatExceptionOfType(MaintenanceStateConflictException.class)
			.isThrownBy(() -> anotherInstanceOf(store).write(sample("blind"), 0));
		assertThat(store.read()).map(MaintenanceState::reason).contains("first");
	}

	@Test
	void concurrentWritersNeverLoseAnUpdate() throws Exception {
		int writers = 4;
		int writesEach = 25;
		MaintenanceStateStore first = createStore();
		List<MaintenanceStateStore> stores = new ArrayList<>();
		for (int i = 0; i < writers; i++) {
			stores.add((i == 0) ? first : anotherInstanceOf(first));
		}
		Set<Long> versions = ConcurrentHashMap.newKeySet();
		List<String> written = new CopyOnWriteArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(writers);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				MaintenanceStateStore store = stores.get(w);
				String name = "writer-" + w;
				futures.add(executor.submit(() -> {
					start.await();
					for (int n = 0; n < writesEach; n++) {
						while (true) {
							long version = store.read().map(MaintenanceState::version).orElse(0L);
							try {
								MaintenanceState stored = store.write(sample(name + "#" + n), version);
								assertThat(versions.add(stored.version()))
									.as("version %s given twice", stored.version())
									.isTrue();
								written.add(name + "#" + n);
								break;
							}
							catch (MaintenanceStateConflictException ex) {
								// another writer came first: read again and retry
							}
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(written).hasSize(writers * writesEach).doesNotHaveDuplicates();
		assertThat(first.read()).map(MaintenanceState::version).contains((long) writers * writesEach);
	}

	@Test
	void changeMadeByAnotherInstanceReachesThisOne() {
		MaintenanceStateStore here = createStore();
		List<MaintenanceState> notified = new CopyOnWriteArrayList<>();
		here.subscribe(notified::add);
		MaintenanceStateStore elsewhere = anotherInstanceOf(here);
		elsewhere.write(sample("from elsewhere"), 0);
		Duration within = (here.pollInterval() != null) ? here.pollInterval().multipliedBy(3).plusSeconds(5)
				: Duration.ofSeconds(5);
		await().atMost(within)
			.untilAsserted(() -> assertThat(here.read()).map(MaintenanceState::reason).contains("from elsewhere"));
		// a store that says it pushes changes must deliver them, not only the state at
		// the next poll
		if (here.notifiesChanges()) {
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(notified).extracting(MaintenanceState::reason).contains("from elsewhere"));
		}
		else {
			assertThat(notified).as("a store that does not notify must not call its listeners").isEmpty();
		}
	}

	@Test
	void stateSurvivesARestart() {
		MaintenanceStateStore before = createStore();
		before.write(sample("kept"), 0);
		MaintenanceStateStore after = anotherInstanceOf(before);
		assertThat(after.read()).contains(sample("kept").withVersion(1));
	}

	@Test
	void typeIsNamed() {
		assertThat(createStore().type()).isNotBlank();
	}

	/**
	 * A state with every field set.
	 * @param reason the reason
	 * @return the state
	 */
	protected static MaintenanceState sample(String reason) {
		return new MaintenanceState(true, MaintenanceState.Mode.READ_ONLY, reason, SINCE, UNTIL,
				UNTIL.minus(2, ChronoUnit.HOURS), "operator", 0);
	}

}
