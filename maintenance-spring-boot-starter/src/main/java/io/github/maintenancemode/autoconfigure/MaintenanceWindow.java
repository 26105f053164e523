package io.github.maintenancemode.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

/**
 * A planned maintenance window, as configured under {@code maintenance.windows}.
 */
public class MaintenanceWindow {

	/**
	 * When the window begins (an ISO-8601 instant).
	 */
	private @Nullable Instant start;

	/**
	 * When the window ends; give either this or a duration, or neither to end it by hand.
	 */
	private @Nullable Instant end;

	/**
	 * How long the window lasts, from its start.
	 */
	private @Nullable Duration duration;

	/**
	 * Reason shown to visitors and in the announcement.
	 */
	private @Nullable String reason;

	/**
	 * Mode of the window.
	 */
	private MaintenanceState.Mode mode = MaintenanceState.Mode.FULL;

	public @Nullable Instant getStart() {
		return this.start;
	}

	public void setStart(@Nullable Instant start) {
		this.start = start;
	}

	public @Nullable Instant getEnd() {
		return this.end;
	}

	public void setEnd(@Nullable Instant end) {
		this.end = end;
	}

	public @Nullable Duration getDuration() {
		return this.duration;
	}

	public void setDuration(@Nullable Duration duration) {
		this.duration = duration;
	}

	public @Nullable String getReason() {
		return this.reason;
	}

	public void setReason(@Nullable String reason) {
		this.reason = reason;
	}

	public MaintenanceState.Mode getMode() {
		return this.mode;
	}

	public void setMode(MaintenanceState.Mode mode) {
		this.mode = mode;
	}

	/**
	 * Return the end: {@code end}, or {@code start + duration}.
	 * @return the end, or {@code null} when the window is ended by hand
	 */
	public @Nullable Instant resolvedEnd() {
		if (this.end != null) {
			return this.end;
		}
		return (this.start != null && this.duration != null) ? this.start.plus(this.duration) : null;
	}

}
