package io.github.maintenancemode.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.MutableClock;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clock-driven tests for {@link MaintenanceWindowScheduler}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MaintenanceWindowSchedulerTests {

	private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

	/**
	 * Never started: these tests tick by hand.
	 */
	private static final TaskScheduler TASKS = new SimpleAsyncTaskScheduler();

	private final MutableClock clock = new MutableClock(NOW);

	private final InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();

	private final MaintenanceMode maintenanceMode = new MaintenanceMode(this.store, (event) -> {
	}, this.clock);

	@Test
	void maintenanceSwitchedOnToEndByItselfEndsAtItsEnd() {
		Instant until = NOW.plus(Duration.ofMinutes(30));
		this.maintenanceMode.enable(MaintenanceState.Mode.FULL, "Upgrade", until, "alice", true);
		assertThat(this.maintenanceMode.status().endsByItself()).isTrue();
		MaintenanceWindowScheduler scheduler = new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS,
				List.of());
		this.clock.set(until.minusMillis(1));
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isTrue();
		this.clock.set(until);
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isFalse();
	}

	@Test
	void maxDurationEndsAnyMaintenanceThatLastedThatLong() {
		this.maintenanceMode.enable(MaintenanceState.Mode.FULL, "Forgotten", null, "alice");
		MaintenanceWindowScheduler scheduler = new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS,
				List.of(), Duration.ofHours(8));
		this.clock.set(NOW.plus(Duration.ofHours(8)).minusMillis(1));
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isTrue();
		this.clock.set(NOW.plus(Duration.ofHours(8)));
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isFalse();
		assertThat(this.maintenanceMode.status().updatedBy()).isEqualTo("max-duration");
	}

	@Test
	void maxDurationLongerThanTimeItselfNeverEndsMaintenanceAndNeverFails(CapturedOutput output) {
		this.maintenanceMode.enable(MaintenanceState.Mode.FULL, "Long", null, "alice");
		MaintenanceWindowScheduler scheduler = new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS,
				List.of(), Duration.ofSeconds(Long.MAX_VALUE));
		this.clock.set(NOW.plus(Duration.ofDays(3650)));
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isTrue();
		assertThat(output).doesNotContain("Could not advance");
	}

	@Test
	void withoutMaxDurationMaintenanceStaysOn() {
		this.maintenanceMode.enable(MaintenanceState.Mode.FULL, "Long", null, "alice");
		MaintenanceWindowScheduler scheduler = new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS,
				List.of());
		this.clock.set(NOW.plus(Duration.ofDays(30)));
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isTrue();
	}

	@Test
	void overdueMaintenanceIsReportedOnceAMinute(CapturedOutput output) {
		Instant until = NOW.plus(Duration.ofMinutes(30));
		this.maintenanceMode.enable(MaintenanceState.Mode.FULL, "Upgrade", until, "alice");
		MaintenanceWindowScheduler scheduler = new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS,
				List.of());
		scheduler.tick();
		assertThat(this.maintenanceMode.status().isOverdue(this.clock.instant())).isFalse();
		for (int second = 1; second <= 150; second++) {
			this.clock.set(until.plusSeconds(second));
			scheduler.tick();
		}
		assertThat(this.maintenanceMode.status().isOverdue(this.clock.instant())).isTrue();
		assertThat(this.maintenanceMode.isActive()).isTrue();
		assertThat(output.getOut().lines().filter((line) -> line.contains("past its expected end")))
			.as("one WARN line at 1 s, 61 s and 121 s past the end")
			.hasSize(3);
	}

	@Test
	void plannedWindowStartsAndEndsByItself() {
		Instant start = NOW.plus(Duration.ofHours(2));
		this.maintenanceMode.schedule(start, start.plus(Duration.ofMinutes(30)), MaintenanceState.Mode.READ_ONLY,
				"Migration", "alice");
		MaintenanceWindowScheduler scheduler = new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS,
				List.of());
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isFalse();
		this.clock.set(start.minusMillis(1));
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isFalse();
		this.clock.set(start);
		scheduler.tick();
		MaintenanceState on = this.maintenanceMode.status();
		assertThat(on.enabled()).isTrue();
		assertThat(on.mode()).isEqualTo(MaintenanceState.Mode.READ_ONLY);
		assertThat(on.reason()).isEqualTo("Migration");
		assertThat(on.since()).isEqualTo(start);
		assertThat(on.scheduledStart()).isEqualTo(start);
		this.clock.set(start.plus(Duration.ofMinutes(29)));
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isTrue();
		this.clock.set(start.plus(Duration.ofMinutes(30)));
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isFalse();
		assertThat(this.maintenanceMode.status().scheduledStart()).isNull();
	}

	@Test
	void maintenanceSwitchedOnByHandDoesNotEndByItself() {
		this.maintenanceMode.enable(MaintenanceState.Mode.FULL, "Manual", NOW.plusSeconds(60), "bob");
		MaintenanceWindowScheduler scheduler = new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS,
				List.of());
		this.clock.advance(Duration.ofHours(1));
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isTrue();
	}

	@Test
	void configuredWindowsArePlannedOneAfterTheOther() {
		PlannedWindow first = window(NOW.plus(Duration.ofHours(1)), Duration.ofMinutes(10), "First");
		PlannedWindow second = window(NOW.plus(Duration.ofHours(3)), Duration.ofMinutes(10), "Second");
		MaintenanceWindowScheduler scheduler = new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS,
				List.of(second, first));
		scheduler.tick();
		assertThat(this.maintenanceMode.status().scheduledStart()).isEqualTo(first.start());
		this.clock.set(first.start());
		scheduler.tick();
		assertThat(this.maintenanceMode.status().reason()).isEqualTo("First");
		assertThat(this.maintenanceMode.isActive()).isTrue();
		this.clock.set(first.end());
		scheduler.tick();
		assertThat(this.maintenanceMode.isActive()).isFalse();
		scheduler.tick();
		assertThat(this.maintenanceMode.status().scheduledStart()).isEqualTo(second.start());
		assertThat(this.maintenanceMode.status().reason()).isEqualTo("Second");
	}

	@Test
	void windowCancelledByHandIsNotPlannedAgain() {
		PlannedWindow window = window(NOW.plus(Duration.ofHours(1)), Duration.ofMinutes(10), "Cancelled");
		MaintenanceWindowScheduler scheduler = new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS,
				List.of(window));
		scheduler.tick();
		assertThat(this.maintenanceMode.status().scheduledStart()).isNotNull();
		this.maintenanceMode.disable("bob");
		scheduler.tick();
		assertThat(this.maintenanceMode.status().scheduledStart()).isNull();
	}

	@Test
	void windowsWhoseStartHasPassedAreNotPlanned() {
		MaintenanceWindowScheduler scheduler = new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS,
				List.of(window(NOW.minusSeconds(60), Duration.ofHours(1), "Missed")));
		scheduler.tick();
		assertThat(this.maintenanceMode.status()).isEqualTo(MaintenanceState.INITIAL);
	}

	@Test
	void twoInstancesOnOneStoreStartTheWindowOnce() {
		Instant start = NOW.plusSeconds(60);
		this.maintenanceMode.schedule(start, null, MaintenanceState.Mode.FULL, "Shared", null);
		MaintenanceMode other = new MaintenanceMode(this.store, (event) -> {
		}, this.clock);
		new MaintenanceStoreSync(other).refresh();
		long before = this.store.read().orElseThrow().version();
		this.clock.set(start);
		new MaintenanceWindowScheduler(this.maintenanceMode, this.clock, TASKS, List.of()).tick();
		new MaintenanceWindowScheduler(other, this.clock, TASKS, List.of()).tick();
		assertThat(this.store.read().orElseThrow().version()).isEqualTo(before + 1);
		assertThat(other.isActive()).isTrue();
	}

	private static PlannedWindow window(Instant start, Duration duration, String reason) {
		return new PlannedWindow(start, start.plus(duration), MaintenanceState.Mode.FULL, reason);
	}

}
