package io.github.maintenancemode;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of the maintenance state.
 *
 * @param enabled whether maintenance is on
 * @param mode how much of the application maintenance closes
 * @param reason why, shown to visitors; may be {@code null}
 * @param since when maintenance began; {@code null} while it is off
 * @param until when maintenance is expected to end; may be {@code null}
 * @param scheduledStart when a planned window begins (it stays set once the window has
 * begun, and is {@code since} for maintenance switched on to end by itself); {@code null}
 * when none is planned
 * @param updatedBy who made the last change; may be {@code null}
 * @param version the store's version of this state, incremented by every write; 0 when
 * nothing was ever written
 */
public record MaintenanceState(boolean enabled, Mode mode, @Nullable String reason, @Nullable Instant since,
		@Nullable Instant until, @Nullable Instant scheduledStart, @Nullable String updatedBy, long version) {

	/**
	 * The state of an application that was never put into maintenance.
	 */
	public static final MaintenanceState INITIAL = off(null, 0);

	/**
	 * Return maintenance switched off, with nothing planned.
	 * @param updatedBy who switched it off, or {@code null}
	 * @param version the store's version
	 * @return the state
	 */
	public static MaintenanceState off(@Nullable String updatedBy, long version) {
		return new MaintenanceState(false, Mode.FULL, null, null, null, null, updatedBy, version);
	}

	/**
	 * Return maintenance switched on, not planned and not yet stored (version 0).
	 * @param mode how much it closes
	 * @param reason why, or {@code null}
	 * @param since when it began, or {@code null} when the switch fills it in
	 * @param until when it is expected to end, or {@code null}
	 * @param updatedBy who switched it on, or {@code null}
	 * @return the state
	 */
	public static MaintenanceState on(Mode mode, @Nullable String reason, @Nullable Instant since,
			@Nullable Instant until, @Nullable String updatedBy) {
		return new MaintenanceState(true, mode, reason, since, until, null, updatedBy, 0);
	}

	/**
	 * Return a planned window that has not begun: maintenance is off until {@code start}.
	 * @param mode how much it will close
	 * @param reason why, or {@code null}
	 * @param start when it begins
	 * @param end when it is expected to end, or {@code null}
	 * @param updatedBy who planned it, or {@code null}
	 * @param version the store's version
	 * @return the state
	 */
	public static MaintenanceState planned(Mode mode, @Nullable String reason, Instant start, @Nullable Instant end,
			@Nullable String updatedBy, long version) {
		return new MaintenanceState(false, mode, reason, null, end, start, updatedBy, version);
	}

	/**
	 * Return whether this maintenance ends by itself at {@link #until()}: a planned
	 * window (begun or not) with an end, or maintenance switched on with {@code autoEnd}.
	 * @return whether it ends by itself
	 */
	public boolean endsByItself() {
		return this.scheduledStart != null && this.until != null;
	}

	/**
	 * Return whether maintenance is still on past its expected end.
	 * @param now the current instant
	 * @return whether it is overdue
	 */
	public boolean isOverdue(Instant now) {
		return this.enabled && this.until != null && now.isAfter(this.until);
	}

	/**
	 * Return this state with another version.
	 * @param version the version
	 * @return a copy with that version
	 */
	public MaintenanceState withVersion(long version) {
		return new MaintenanceState(this.enabled, this.mode, this.reason, this.since, this.until, this.scheduledStart,
				this.updatedBy, version);
	}

	/**
	 * Describe this state in one line, for the log.
	 * @return the description
	 */
	String describe() {
		String who = (this.updatedBy != null) ? this.updatedBy : "unknown";
		String reason = (this.reason != null) ? this.reason.replaceAll("[\\r\\n\\t]+", " ") : "none given";
		String until = (this.until != null) ? this.until.toString() : "unknown";
		if (!this.enabled) {
			if (this.scheduledStart != null) {
				return "Maintenance window planned: " + this.mode + " from " + this.scheduledStart + " (by " + who
						+ ", reason '" + reason + "', until " + until + ")";
			}
			return "Maintenance mode off (by " + who + ")";
		}
		return "Maintenance mode on: " + this.mode + " (by " + who + ", reason '" + reason + "', until " + until + ")";
	}

	/**
	 * How much of the application maintenance closes.
	 */
	public enum Mode {

		/**
		 * Every request that no rule lets through gets the maintenance response.
		 */
		FULL,

		/**
		 * Safe methods (GET, HEAD, OPTIONS, TRACE) pass; writes get the maintenance
		 * response.
		 */
		READ_ONLY

	}

}
