package io.github.maintenancemode;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MaintenanceMode}.
 */
class MaintenanceModeTests {

	private static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");

	private final List<MaintenanceModeChangedEvent> events = new ArrayList<>();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private MaintenanceMode modeWith(MaintenanceStateStore store) {
		return new MaintenanceMode(store, (event) -> {
			if (event instanceof MaintenanceModeChangedEvent change) {
				this.events.add(change);
			}
		}, this.clock);
	}

	@Test
	void isOffUntilEnabled() {
		MaintenanceMode mode = modeWith(new InMemoryMaintenanceStateStore());
		mode.initialize(MaintenanceState.INITIAL);
		assertThat(mode.isActive()).isFalse();
		assertThat(mode.status()).isEqualTo(MaintenanceState.INITIAL);
		assertThat(this.events).isEmpty();
	}

	@Test
	void enableStoresTheStateAndPublishesAnEvent() {
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		MaintenanceMode mode = modeWith(store);
		Instant until = NOW.plusSeconds(1800);
		MaintenanceState state = mode.enable(MaintenanceState.Mode.READ_ONLY, "Upgrade", until, "alice");
		assertThat(mode.isActive()).isTrue();
		assertThat(state).isEqualTo(
				new MaintenanceState(true, MaintenanceState.Mode.READ_ONLY, "Upgrade", NOW, until, null, "alice", 1));
		assertThat(store.read()).contains(state);
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getPrevious()).isEqualTo(MaintenanceState.INITIAL);
			assertThat(event.getCurrent()).isEqualTo(state);
			assertThat(event.isToggle()).isTrue();
		});
	}

	@Test
	void changingAnActiveMaintenanceKeepsItsStart() {
		MaintenanceMode mode = modeWith(new InMemoryMaintenanceStateStore());
		mode.enable("first");
		MaintenanceMode later = new MaintenanceMode(new InMemoryMaintenanceStateStore(), (event) -> {
		}, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
		later.enable("first");
		MaintenanceState changed = later.enable(MaintenanceState.Mode.FULL, "second", null, null);
		assertThat(changed.since()).isEqualTo(NOW.plusSeconds(60));
		assertThat(mode.enable("second").since()).isEqualTo(NOW);
		assertThat(this.events).hasSize(2).allSatisfy((event) -> assertThat(event.getCurrent().enabled()).isTrue());
		assertThat(this.events.get(1).isToggle()).isFalse();
	}

	@Test
	void disableClearsTheDetails() {
		MaintenanceMode mode = modeWith(new InMemoryMaintenanceStateStore());
		mode.enable(MaintenanceState.Mode.FULL, "Upgrade", NOW.plusSeconds(60), "alice");
		MaintenanceState off = mode.disable("bob");
		assertThat(off.enabled()).isFalse();
		assertThat(off.reason()).isNull();
		assertThat(off.until()).isNull();
		assertThat(off.since()).isNull();
		assertThat(off.updatedBy()).isEqualTo("bob");
		assertThat(off.version()).isEqualTo(2);
		assertThat(mode.isActive()).isFalse();
	}

	@Test
	void conflictingWriteIsRetriedOnTheFreshState() {
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		AtomicBoolean interfered = new AtomicBoolean();
		MaintenanceStateStore racing = new DelegatingStore(store) {

			@Override
			public MaintenanceState write(MaintenanceState state, long expectedVersion) {
				if (interfered.compareAndSet(false, true)) {
					store.write(state.withVersion(0), expectedVersion);
				}
				return super.write(state, expectedVersion);
			}

		};
		MaintenanceMode mode = modeWith(racing);
		MaintenanceState state = mode.enable("mine");
		assertThat(state.version()).isEqualTo(2);
		assertThat(store.read()).contains(state);
	}

	@Test
	void writeThatKeepsConflictingIsReported() {
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		AtomicInteger attempts = new AtomicInteger();
		MaintenanceStateStore busy = new DelegatingStore(store) {

			@Override
			public MaintenanceState write(MaintenanceState state, long expectedVersion) {
				attempts.incrementAndGet();
				throw new MaintenanceStateConflictException(expectedVersion, expectedVersion + 1);
			}

		};
		MaintenanceMode mode = modeWith(busy);
		assertThatExceptionOfType(MaintenanceStateConflictException.class).isThrownBy(() -> mode.enable("x"));
		assertThat(attempts).hasValue(5);
		assertThat(mode.isActive()).isFalse();
	}

	@Test
	void unreachableStoreRefusesTheChangeAndKeepsTheLastState() {
		UnreliableStore store = new UnreliableStore();
		MaintenanceMode mode = modeWith(store);
		mode.enable("before");
		store.down = true;
		assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(mode::disable);
		assertThat(mode.isActive()).isTrue();
		assertThat(mode.status().reason()).isEqualTo("before");
		assertThat(mode.storeError()).contains("down");
		store.down = false;
		mode.refresh();
		assertThat(mode.storeError()).isNull();
	}

	@Test
	void refreshAppliesANewerStoredState() {
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		MaintenanceMode mode = modeWith(store);
		mode.initialize(MaintenanceState.INITIAL);
		store.write(new MaintenanceState(true, MaintenanceState.Mode.FULL, "elsewhere", NOW, null, null, "x", 0), 0);
		mode.refresh();
		assertThat(mode.isActive()).isTrue();
		assertThat(this.events).singleElement()
			.extracting((event) -> event.getCurrent().reason())
			.isEqualTo("elsewhere");
	}

	@Test
	void theBeanApplicationsInjectOffersNoStorePlumbing() {
		Set<String> publicMethods = Stream.of(MaintenanceMode.class.getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()))
			.map(Method::getName)
			.collect(Collectors.toSet());
		assertThat(publicMethods).contains("status", "isActive", "enable", "disable", "schedule", "update")
			.doesNotContain("refresh", "accept", "initialize", "storeError");
		Set<String> syncMethods = Stream.of(MaintenanceStoreSync.class.getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()))
			.map(Method::getName)
			.collect(Collectors.toSet());
		assertThat(syncMethods).contains("refresh", "changed", "initialize", "storeError");
	}

	@Test
	void aNotificationIsReadAsAHintAndTheStoreIsReadAgain() {
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		MaintenanceMode mode = modeWith(store);
		MaintenanceMode other = modeWith(store);
		other.enable("elsewhere");
		new MaintenanceStoreSync(mode).changed(MaintenanceState.INITIAL);
		assertThat(mode.status().reason()).isEqualTo("elsewhere");
	}

	@Test
	void lateNotificationNeverBringsBackAnOlderState() {
		MaintenanceMode mode = modeWith(new InMemoryMaintenanceStateStore());
		mode.enable("one");
		mode.enable("two");
		new MaintenanceStoreSync(mode)
			.changed(new MaintenanceState(false, MaintenanceState.Mode.FULL, null, null, null, null, null, 1));
		assertThat(mode.status().reason()).isEqualTo("two");
	}

	@Test
	void storeThatLostItsDataGetsTheServedStateBack() {
		ClearableStore store = new ClearableStore();
		MaintenanceMode mode = modeWith(store);
		mode.initialize(MaintenanceState.INITIAL);
		mode.enable("one");
		mode.enable("two");
		this.events.clear();
		store.clear();
		mode.refresh();
		assertThat(mode.status().reason()).isEqualTo("two");
		assertThat(mode.status().version()).isEqualTo(1);
		assertThat(store.read()).contains(mode.status());
		assertThat(this.events).as("the content did not change").isEmpty();
	}

	@Test
	void changeAfterTheStoreLostItsDataIsServedEverywhere() {
		ClearableStore store = new ClearableStore();
		MaintenanceMode here = modeWith(store);
		MaintenanceMode there = modeWith(store);
		here.initialize(MaintenanceState.INITIAL);
		there.initialize(MaintenanceState.INITIAL);
		for (int i = 0; i < 5; i++) {
			here.enable("step " + i);
		}
		there.refresh();
		store.clear();
		MaintenanceState off = there.disable("operator");
		assertThat(there.status()).isEqualTo(off);
		assertThat(off.enabled()).isFalse();
		here.refresh();
		assertThat(here.isActive()).isFalse();
	}

	@Test
	void storeRolledBackToAnOlderCopyIsServed() {
		ClearableStore store = new ClearableStore();
		MaintenanceMode mode = modeWith(store);
		mode.initialize(MaintenanceState.INITIAL);
		MaintenanceState backedUp = mode.enable("in the backup");
		mode.enable("newer");
		mode.disable("operator");
		store.clear();
		store.write(backedUp, 0);
		mode.refresh();
		assertThat(mode.status().reason()).isEqualTo("in the backup");
		MaintenanceState off = mode.disable("operator");
		assertThat(mode.status()).isEqualTo(off);
	}

	@Test
	void instanceThatLostTouchLetsOneThatKeptInTouchWriteBackFirst() {
		ClearableStore store = new ClearableStore();
		UnreliableStore cutOffView = new UnreliableStore(store);
		MaintenanceMode cutOff = modeWith(cutOffView);
		MaintenanceMode inTouch = modeWith(store);
		cutOff.initialize(MaintenanceState.INITIAL);
		inTouch.initialize(MaintenanceState.INITIAL);
		cutOff.enable("Upgrade");
		inTouch.refresh();
		cutOffView.down = true;
		cutOff.refresh();
		inTouch.disable("operator");
		store.clear();
		cutOffView.down = false;
		cutOff.refresh();
		assertThat(store.read()).as("the instance that lost touch waits one poll").isEmpty();
		inTouch.refresh();
		cutOff.refresh();
		assertThat(store.read()).hasValueSatisfying((state) -> assertThat(state.enabled()).isFalse());
		assertThat(inTouch.isActive()).isFalse();
		assertThat(cutOff.isActive()).isFalse();
	}

	@Test
	void storeThatLostItsDataWhileEveryInstanceWasCutOffGetsTheStateBack() {
		ClearableStore store = new ClearableStore();
		UnreliableStore oneView = new UnreliableStore(store);
		UnreliableStore otherView = new UnreliableStore(store);
		MaintenanceMode one = modeWith(oneView);
		MaintenanceMode other = modeWith(otherView);
		one.initialize(MaintenanceState.INITIAL);
		other.initialize(MaintenanceState.INITIAL);
		one.enable("Upgrade");
		other.refresh();
		oneView.down = true;
		otherView.down = true;
		one.refresh();
		other.refresh();
		store.clear();
		oneView.down = false;
		otherView.down = false;
		one.refresh();
		other.refresh();
		assertThat(one.isActive()).as("served while the write-back waits").isTrue();
		one.refresh();
		other.refresh();
		assertThat(store.read()).hasValueSatisfying((state) -> assertThat(state.reason()).isEqualTo("Upgrade"));
		assertThat(one.isActive()).isTrue();
		assertThat(other.isActive()).isTrue();
	}

	@Test
	void storeThatLostItsDataGetsAnOffStateBackToo() {
		ClearableStore store = new ClearableStore();
		MaintenanceMode mode = modeWith(store);
		mode.initialize(MaintenanceState.INITIAL);
		mode.enable("one");
		mode.disable("operator");
		store.clear();
		mode.refresh();
		assertThat(store.read()).hasValueSatisfying((state) -> {
			assertThat(state.enabled()).isFalse();
			assertThat(state.updatedBy()).isEqualTo("operator");
		});
	}

	@Test
	void listenersRunOutsideTheSwitchesLock() {
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		List<String> seen = new CopyOnWriteArrayList<>();
		MaintenanceMode[] mode = new MaintenanceMode[1];
		mode[0] = new MaintenanceMode(store, (event) -> {
			// another thread can use the switch while a listener runs
			try {
				CompletableFuture.runAsync(mode[0]::refresh).get(5, TimeUnit.SECONDS);
				seen.add("refreshed from another thread");
			}
			catch (Exception ex) {
				seen.add("blocked: " + ex);
			}
		}, this.clock);
		mode[0].initialize(MaintenanceState.INITIAL);
		mode[0].enable("Upgrade");
		assertThat(seen).containsExactly("refreshed from another thread");
	}

	@Test
	void failingListenerNeitherFailsTheChangeNorStopsLaterOnes() {
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		List<String> delivered = new ArrayList<>();
		MaintenanceMode mode = new MaintenanceMode(store, (event) -> {
			MaintenanceModeChangedEvent change = (MaintenanceModeChangedEvent) event;
			delivered.add(change.getCurrent().enabled() ? "on" : "off");
			if (change.getCurrent().enabled()) {
				throw new IllegalStateException("audit repository is down");
			}
		}, this.clock);
		mode.initialize(MaintenanceState.INITIAL);
		MaintenanceState on = mode.enable("Upgrade");
		assertThat(mode.status()).isEqualTo(on);
		store.write(new MaintenanceState(false, MaintenanceState.Mode.FULL, null, null, null, null, "elsewhere", 0),
				on.version());
		mode.refresh();
		assertThat(mode.isActive()).isFalse();
		assertThat(delivered).containsExactly("on", "off");
	}

	@Test
	void changeMadeByAListenerIsDeliveredAfterTheEventItReactsTo() {
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		List<String> seenBySecondListener = new ArrayList<>();
		MaintenanceMode[] mode = new MaintenanceMode[1];
		mode[0] = new MaintenanceMode(store, (event) -> {
			MaintenanceModeChangedEvent change = (MaintenanceModeChangedEvent) event;
			// the first listener switches maintenance off again at once
			if (change.getCurrent().enabled()) {
				mode[0].disable("first listener");
			}
			seenBySecondListener.add(change.getCurrent().enabled() ? "on" : "off");
		}, this.clock);
		mode[0].initialize(MaintenanceState.INITIAL);
		mode[0].enable("Upgrade");
		assertThat(seenBySecondListener).containsExactly("on", "off");
		assertThat(mode[0].isActive()).isFalse();
	}

	@Test
	void assumedStateIsNotWrittenBackWhenTheStoreAnswersEmpty() {
		UnreliableStore store = new UnreliableStore();
		store.down = true;
		MaintenanceMode mode = modeWith(store);
		MaintenanceState assumed = new MaintenanceState(true, MaintenanceState.Mode.FULL, "store unreachable", null,
				null, null, null, 0);
		mode.initialize(MaintenanceState.INITIAL, assumed);
		assertThat(mode.isActive()).isTrue();
		store.down = false;
		mode.refresh();
		assertThat(mode.isActive()).isFalse();
		assertThat(store.read()).isEmpty();
	}

	@Test
	void eventsArePublishedInTheOrderTheStoreMadeTheChanges() throws Exception {
		List<MaintenanceModeChangedEvent> events = new CopyOnWriteArrayList<>();
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		MaintenanceMode mode = new MaintenanceMode(store, (event) -> events.add((MaintenanceModeChangedEvent) event),
				this.clock);
		MaintenanceMode elsewhere = modeWith(store);
		mode.initialize(MaintenanceState.INITIAL);
		AtomicBoolean writing = new AtomicBoolean(true);
		Thread poller = new Thread(() -> {
			while (writing.get()) {
				mode.refresh();
			}
		});
		poller.start();
		try {
			for (int i = 0; i < 200; i++) {
				MaintenanceMode writer = (i % 2 == 0) ? mode : elsewhere;
				writer.enable("change " + i);
			}
		}
		finally {
			writing.set(false);
			poller.join();
		}
		mode.refresh();
		assertThat(events).isNotEmpty();
		for (int i = 1; i < events.size(); i++) {
			assertThat(events.get(i).getPrevious()).isEqualTo(events.get(i - 1).getCurrent());
			assertThat(events.get(i).getCurrent().version()).isGreaterThan(events.get(i - 1).getCurrent().version());
		}
		assertThat(events).last().extracting((event) -> event.getCurrent().reason()).isEqualTo("change 199");
	}

	@Test
	void initialStateFromPropertiesIsWrittenWhenTheStoreHoldsNone() {
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		MaintenanceMode mode = modeWith(store);
		mode.initialize(new MaintenanceState(true, MaintenanceState.Mode.READ_ONLY, "configured", null, null, null,
				"configuration", 0));
		assertThat(mode.isActive()).isTrue();
		assertThat(mode.status().since()).isEqualTo(NOW);
		assertThat(store.read()).map(MaintenanceState::reason).contains("configured");
	}

	@Test
	void storedStateWinsOverPropertiesAtStartup() {
		InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();
		store.write(new MaintenanceState(false, MaintenanceState.Mode.FULL, null, null, null, null, "bob", 0), 0);
		MaintenanceMode mode = modeWith(store);
		mode.initialize(
				new MaintenanceState(true, MaintenanceState.Mode.FULL, "configured", null, null, null, null, 0));
		assertThat(mode.isActive()).isFalse();
		assertThat(mode.status().updatedBy()).isEqualTo("bob");
	}

	@Test
	void unreachableStoreAtStartupFallsBackToProperties() {
		UnreliableStore store = new UnreliableStore();
		store.down = true;
		MaintenanceMode mode = modeWith(store);
		mode.initialize(
				new MaintenanceState(true, MaintenanceState.Mode.FULL, "configured", null, null, null, null, 0));
		assertThat(mode.isActive()).isTrue();
		assertThat(mode.storeError()).isNotNull();
	}

	@Test
	void scheduleRecordsAFutureWindowWithoutStartingIt() {
		MaintenanceMode mode = modeWith(new InMemoryMaintenanceStateStore());
		Instant start = NOW.plusSeconds(3600);
		MaintenanceState state = mode.schedule(start, start.plusSeconds(600), MaintenanceState.Mode.FULL, "Planned",
				"alice");
		assertThat(mode.isActive()).isFalse();
		assertThat(state.scheduledStart()).isEqualTo(start);
		assertThat(state.reason()).isEqualTo("Planned");
	}

	@Test
	void scheduleWhileOnIsRefused() {
		MaintenanceMode mode = modeWith(new InMemoryMaintenanceStateStore());
		mode.enable("now");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> mode.schedule(NOW.plusSeconds(60), null, MaintenanceState.Mode.FULL, null, null));
		assertThat(mode.status().reason()).isEqualTo("now");
	}

	private static class DelegatingStore implements MaintenanceStateStore {

		private final MaintenanceStateStore delegate;

		DelegatingStore(MaintenanceStateStore delegate) {
			this.delegate = delegate;
		}

		@Override
		public Optional<MaintenanceState> read() {
			return this.delegate.read();
		}

		@Override
		public MaintenanceState write(MaintenanceState state, long expectedVersion) {
			return this.delegate.write(state, expectedVersion);
		}

		@Override
		public String type() {
			return "test";
		}

	}

	private static final class ClearableStore implements MaintenanceStateStore {

		private volatile InMemoryMaintenanceStateStore engine = new InMemoryMaintenanceStateStore();

		void clear() {
			this.engine = new InMemoryMaintenanceStateStore();
		}

		@Override
		public Optional<MaintenanceState> read() {
			return this.engine.read();
		}

		@Override
		public MaintenanceState write(MaintenanceState state, long expectedVersion) {
			return this.engine.write(state, expectedVersion);
		}

		@Override
		public String type() {
			return "clearable";
		}

	}

	private static class UnreliableStore extends DelegatingStore {

		volatile boolean down;

		UnreliableStore() {
			this(new InMemoryMaintenanceStateStore());
		}

		UnreliableStore(MaintenanceStateStore delegate) {
			super(delegate);
		}

		@Override
		public Optional<MaintenanceState> read() {
			check();
			return super.read();
		}

		@Override
		public MaintenanceState write(MaintenanceState state, long expectedVersion) {
			check();
			return super.write(state, expectedVersion);
		}

		private void check() {
			if (this.down) {
				throw new MaintenanceStoreUnavailableException("store is down", new IllegalStateException());
			}
		}

	}

}
