package io.github.maintenancemode;

import java.time.Duration;
import java.time.Instant;

/**
 * Computes the {@code Retry-After} delay of a maintenance state.
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Return the seconds a client should wait: the time left until the expected end when
	 * it is known and in the future, otherwise the fallback; never less than one.
	 * @param state the maintenance state
	 * @param now the current instant
	 * @param fallback the delay to use when the end is unknown or past
	 * @return the delay in whole seconds, at least 1
	 */
	public static long seconds(MaintenanceState state, Instant now, Duration fallback) {
		Instant until = state.until();
		if (until != null && until.isAfter(now)) {
			// Duration, not epoch millis: an end far in the future must not overflow
			Duration left = Duration.between(now, until);
			return Math.max(1, left.getSeconds() + ((left.getNano() > 0) ? 1 : 0));
		}
		return Math.max(1, fallback.getSeconds());
	}

}
