package io.github.maintenancemode.lifecycle;

import java.time.Instant;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A planned maintenance window: it begins by itself at {@code start} and, when
 * {@code end} is given, ends by itself then.
 *
 * @param start when the window begins
 * @param end when it ends, after {@code start}; {@code null} when it is ended by hand
 * @param mode how much of the application it closes
 * @param reason why, shown to visitors and in the announcement; may be {@code null}
 */
public record PlannedWindow(Instant start, @Nullable Instant end, MaintenanceState.Mode mode, @Nullable String reason) {

	/**
	 * Create a window.
	 * @throws IllegalArgumentException if it ends at or before its start
	 */
	public PlannedWindow {
		Assert.notNull(start, "Start must not be null");
		Assert.notNull(mode, "Mode must not be null");
		Assert.isTrue(end == null || end.isAfter(start), "A window must end after its start");
	}

}
