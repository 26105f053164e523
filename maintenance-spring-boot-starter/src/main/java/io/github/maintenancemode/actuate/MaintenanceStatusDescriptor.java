package io.github.maintenancemode.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.RetryAfter;
import io.github.maintenancemode.lifecycle.InstanceDrain;
import org.jspecify.annotations.Nullable;

/**
 * The status that the {@code maintenance} endpoint reports. Timestamps are ISO-8601
 * instants in UTC.
 *
 * @param enabled whether maintenance is on
 * @param mode {@code FULL} or {@code READ_ONLY}
 * @param reason the reason shown to visitors
 * @param since when maintenance began
 * @param until the expected end
 * @param scheduledStart the start of a planned window
 * @param updatedBy who made the last change
 * @param retryAfterSeconds the {@code Retry-After} clients get now
 * @param inFlightRequests requests admitted and still running in this instance
 * @param runningJobs annotated scheduled jobs and consumed messages still running in this
 * instance
 * @param quiescent whether maintenance is on and nothing is in flight
 * @param store the state store
 * @param drain this instance's drain
 * @param autoEnd whether maintenance (or the planned window) ends by itself at
 * {@code until}
 * @param overdue whether maintenance is still on past {@code until}
 * @param pausedConsumers the message consumers (listener ids) paused for maintenance in
 * this instance
 */
public record MaintenanceStatusDescriptor(boolean enabled, String mode, @Nullable String reason, @Nullable String since,
		@Nullable String until, @Nullable String scheduledStart, @Nullable String updatedBy, long retryAfterSeconds,
		long inFlightRequests, long runningJobs, boolean quiescent, StoreDescriptor store, DrainDescriptor drain,
		boolean autoEnd, boolean overdue, List<String> pausedConsumers) {

	static MaintenanceStatusDescriptor of(MaintenanceMode maintenanceMode, MaintenanceActivity activity, Clock clock,
			Duration retryAfter, InstanceDrain instanceDrain) {
		MaintenanceState state = maintenanceMode.status();
		// a started window keeps its start; the field names a window still ahead
		String scheduledStart = state.enabled() ? null : format(state.scheduledStart());
		long inFlight = activity.inFlightRequests();
		long jobs = activity.runningJobs();
		return new MaintenanceStatusDescriptor(state.enabled(), state.mode().name(), state.reason(),
				format(state.since()), format(state.until()), scheduledStart, state.updatedBy(),
				RetryAfter.seconds(state, clock.instant(), retryAfter), inFlight, jobs,
				state.enabled() && inFlight == 0 && jobs == 0,
				new StoreDescriptor(maintenanceMode.storeType(),
						new MaintenanceStoreSync(maintenanceMode).storeError() == null),
				new DrainDescriptor(instanceDrain.isDraining(), inFlight == 0 && jobs == 0), state.endsByItself(),
				state.isOverdue(clock.instant()), activity.pausedConsumers());
	}

	private static @Nullable String format(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	/**
	 * The state store.
	 *
	 * @param type the kind of store
	 * @param healthy whether the last call to the store succeeded
	 */
	public record StoreDescriptor(String type, boolean healthy) {

	}

	/**
	 * This instance's drain.
	 *
	 * @param active whether this instance refuses new traffic (readiness
	 * {@code REFUSING_TRAFFIC})
	 * @param idle whether no request or job is in flight in this instance
	 */
	public record DrainDescriptor(boolean active, boolean idle) {

	}

}
