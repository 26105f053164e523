package io.github.maintenancemode.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Starts and ends planned windows by themselves. Every second it looks at the state: a
 * window whose start has come is switched on, a window whose end has come is switched off
 * (so is maintenance switched on with {@code autoEnd}), maintenance that has lasted
 * {@code maintenance.max-duration} is switched off, and when nothing is planned the next
 * configured window (whose start is still ahead) is planned. While maintenance is on past
 * its expected end, one WARN line a minute says so. Every change goes through
 * {@link MaintenanceMode} with a version check and is re-decided on the fresh state, so
 * instances that tick at once on a shared store make the change once.
 */
public class MaintenanceWindowScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(MaintenanceWindowScheduler.class);

	private static final Duration TICK = Duration.ofSeconds(1);

	private final MaintenanceMode maintenanceMode;

	private final Clock clock;

	private final List<PlannedWindow> windows;

	private final Set<Instant> planned = ConcurrentHashMap.newKeySet();

	private static final Duration OVERDUE_WARNING_INTERVAL = Duration.ofMinutes(1);

	/**
	 * Who a change made by {@code maintenance.max-duration} is by.
	 */
	static final String MAX_DURATION = "max-duration";

	private final @Nullable Duration maxDuration;

	private @Nullable Instant lastOverdueWarning;

	private final TaskScheduler scheduler;

	private @Nullable ScheduledFuture<?> ticking;

	/**
	 * Create a scheduler of the given windows.
	 * @param maintenanceMode the switch the changes go through
	 * @param clock the clock that says when a window starts or ends
	 * @param scheduler where the ticks run
	 * @param windows the planned windows
	 */
	public MaintenanceWindowScheduler(MaintenanceMode maintenanceMode, Clock clock, TaskScheduler scheduler,
			List<PlannedWindow> windows) {
		this(maintenanceMode, clock, scheduler, windows, null);
	}

	/**
	 * Create a scheduler of the given windows and of the longest maintenance.
	 * @param maintenanceMode the switch the changes go through
	 * @param clock the clock that says when a window starts or ends
	 * @param scheduler where the ticks run
	 * @param windows the planned windows
	 * @param maxDuration how long maintenance may last before it is switched off, or
	 * {@code null} for no limit
	 */
	public MaintenanceWindowScheduler(MaintenanceMode maintenanceMode, Clock clock, TaskScheduler scheduler,
			List<PlannedWindow> windows, @Nullable Duration maxDuration) {
		this.maxDuration = maxDuration;
		this.maintenanceMode = maintenanceMode;
		this.clock = clock;
		this.scheduler = scheduler;
		this.windows = windows.stream().sorted(Comparator.comparing(PlannedWindow::start)).toList();
	}

	/**
	 * Look at the state once and make the change a window calls for, if any. Failures (an
	 * unreachable store) are logged and retried at the next tick.
	 */
	public void tick() {
		try {
			Instant now = this.clock.instant();
			MaintenanceState state = this.maintenanceMode.status();
			if (isTooLong(state, now)) {
				MaintenanceState ended = this.maintenanceMode.update(
						(fresh) -> isTooLong(fresh, now) ? MaintenanceState.off(MAX_DURATION, fresh.version()) : fresh);
				if (!ended.enabled()) {
					logger.warn("Maintenance mode had been on since " + state.since()
							+ ", longer than maintenance.max-duration (" + this.maxDuration + "); switched it off");
				}
			}
			else if (isDue(state, now) || isOver(state, now)) {
				this.maintenanceMode.update((fresh) -> advance(fresh, now));
			}
			else if (!state.enabled() && state.scheduledStart() == null) {
				planNext(now);
			}
			warnIfOverdue(this.maintenanceMode.status(), now);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not advance the maintenance window: " + ex.getMessage());
		}
	}

	private boolean isTooLong(MaintenanceState state, Instant now) {
		Instant since = state.since();
		// compared as durations: since plus a very long limit would overflow the instant
		return this.maxDuration != null && state.enabled() && since != null
				&& Duration.between(since, now).compareTo(this.maxDuration) >= 0;
	}

	private void warnIfOverdue(MaintenanceState state, Instant now) {
		if (!state.isOverdue(now)) {
			this.lastOverdueWarning = null;
			return;
		}
		Instant last = this.lastOverdueWarning;
		if (last == null || !now.isBefore(last.plus(OVERDUE_WARNING_INTERVAL))) {
			this.lastOverdueWarning = now;
			logger.warn("Maintenance mode is still on, " + Duration.between(state.until(), now).toSeconds()
					+ " s past its expected end (" + state.until() + "); switch it off with DELETE "
					+ "/actuator/maintenance, or set a new 'until'");
		}
	}

	private static boolean isDue(MaintenanceState state, Instant now) {
		return !state.enabled() && state.scheduledStart() != null && !now.isBefore(state.scheduledStart());
	}

	private static boolean isOver(MaintenanceState state, Instant now) {
		return state.scheduledStart() != null && state.until() != null && !now.isBefore(state.until());
	}

	private static MaintenanceState advance(MaintenanceState state, Instant now) {
		if (isOver(state, now)) {
			return MaintenanceState.off("window", state.version());
		}
		if (isDue(state, now)) {
			return new MaintenanceState(true, state.mode(), state.reason(), state.scheduledStart(), state.until(),
					state.scheduledStart(), state.updatedBy(), state.version());
		}
		return state;
	}

	private void planNext(Instant now) {
		for (PlannedWindow window : this.windows) {
			Instant start = window.start();
			if (start.isAfter(now) && !this.planned.contains(start)) {
				this.maintenanceMode.update((fresh) -> (fresh.enabled() || fresh.scheduledStart() != null) ? fresh
						: MaintenanceState.planned(window.mode(), window.reason(), start, window.end(), "configuration",
								fresh.version()));
				// planned once: a window cancelled by hand is not planned again
				this.planned.add(start);
				return;
			}
		}
	}

	@Override
	public synchronized void start() {
		if (this.ticking == null) {
			this.ticking = this.scheduler.scheduleWithFixedDelay(this::tick, TICK);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.ticking != null) {
			this.ticking.cancel(true);
			this.ticking = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.ticking != null;
	}

}
