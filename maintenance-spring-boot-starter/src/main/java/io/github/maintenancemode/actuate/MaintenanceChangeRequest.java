package io.github.maintenancemode.actuate;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

/**
 * A validated request to change the maintenance state, parsed from the fields of the
 * endpoint's JSON body.
 *
 * @param enabled whether maintenance should be on
 * @param mode the mode
 * @param reason the reason, at most {@value #MAX_REASON_LENGTH} characters
 * @param start the start of a planned window, or {@code null} to start now
 * @param until the expected end, or {@code null} when unknown
 * @param autoEnd whether maintenance ends by itself at {@code until}
 */
public record MaintenanceChangeRequest(boolean enabled, MaintenanceState.Mode mode, @Nullable String reason,
		@Nullable Instant start, @Nullable Instant until, boolean autoEnd) {

	/**
	 * The longest reason accepted.
	 */
	public static final int MAX_REASON_LENGTH = 500;

	/**
	 * The latest {@code start} or {@code until} accepted: the last second of year 9999.
	 * Later instants have no four-digit year, overflow the millisecond arithmetic of
	 * {@code Retry-After} and the columns of the database stores.
	 */
	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	/**
	 * Parse and validate the fields of a change request.
	 * @param enabled the {@code enabled} field (required, a boolean)
	 * @param reason the {@code reason} field (a string)
	 * @param mode the {@code mode} field ({@code FULL} or {@code READ_ONLY})
	 * @param start the {@code start} field (an ISO-8601 instant)
	 * @param until the {@code until} field (an ISO-8601 instant)
	 * @param duration the {@code duration} field (an ISO-8601 duration, such as
	 * {@code PT30M})
	 * @param now the current instant
	 * @return the request
	 * @throws InvalidMaintenanceRequestException naming the first invalid field
	 */
	public static MaintenanceChangeRequest parse(@Nullable Object enabled, @Nullable Object reason,
			@Nullable Object mode, @Nullable Object start, @Nullable Object until, @Nullable Object duration,
			Instant now) {
		return parse(enabled, reason, mode, start, until, duration, null, now);
	}

	/**
	 * Parse and validate the fields of a change request.
	 * @param enabled the {@code enabled} field (required, a boolean)
	 * @param reason the {@code reason} field (a string)
	 * @param mode the {@code mode} field ({@code FULL} or {@code READ_ONLY})
	 * @param start the {@code start} field (an ISO-8601 instant)
	 * @param until the {@code until} field (an ISO-8601 instant)
	 * @param duration the {@code duration} field (an ISO-8601 duration, such as
	 * {@code PT30M})
	 * @param autoEnd the {@code autoEnd} field (a boolean; {@code true} needs an end)
	 * @param now the current instant
	 * @return the request
	 * @throws InvalidMaintenanceRequestException naming the first invalid field
	 */
	public static MaintenanceChangeRequest parse(@Nullable Object enabled, @Nullable Object reason,
			@Nullable Object mode, @Nullable Object start, @Nullable Object until, @Nullable Object duration,
			@Nullable Object autoEnd, Instant now) {
		if (enabled == null) {
			throw new InvalidMaintenanceRequestException("enabled", "'enabled' is required (true or false)");
		}
		boolean on = parseEnabled(enabled);
		String reasonText = parseReason(reason);
		MaintenanceState.Mode parsedMode = parseMode(mode);
		Instant startAt = parseInstant("start", start);
		if (startAt != null && !startAt.isAfter(now)) {
			throw new InvalidMaintenanceRequestException("start",
					"'start' must be in the future; leave it out to start now");
		}
		if (until != null && duration != null) {
			throw new InvalidMaintenanceRequestException("duration", "Give either 'until' or 'duration', not both");
		}
		Instant end = parseInstant("until", until);
		if (duration != null) {
			Duration length = parseDuration(duration);
			try {
				end = ((startAt != null) ? startAt : now).plus(length);
			}
			catch (DateTimeException | ArithmeticException ex) {
				throw new InvalidMaintenanceRequestException("duration", "'duration' is too long");
			}
			if (end.isAfter(LATEST)) {
				throw new InvalidMaintenanceRequestException("duration",
						"'duration' is too long: the end must be no later than " + LATEST);
			}
		}
		if (end != null && !end.isAfter((startAt != null) ? startAt : now)) {
			throw new InvalidMaintenanceRequestException("until",
					(startAt != null) ? "'until' must be after 'start'" : "'until' must be in the future");
		}
		if (!on && startAt != null) {
			throw new InvalidMaintenanceRequestException("start", "'start' needs 'enabled': true");
		}
		boolean endsByItself = autoEnd != null && parseBoolean("autoEnd", autoEnd);
		if (endsByItself && (!on || end == null)) {
			throw new InvalidMaintenanceRequestException("autoEnd",
					"'autoEnd' needs 'enabled': true and an end ('until' or 'duration')");
		}
		return new MaintenanceChangeRequest(on, parsedMode, reasonText, startAt, end, endsByItself);
	}

	/**
	 * Carry out this request: switch maintenance off, plan the window, or switch it on.
	 * @param maintenanceMode the switch
	 * @param updatedBy who asks, or {@code null}
	 * @return the new state
	 * @throws io.github.maintenancemode.MaintenanceStoreUnavailableException when the
	 * store cannot be reached (nothing changed)
	 * @throws io.github.maintenancemode.MaintenanceStateConflictException when the state
	 * kept changing concurrently (nothing changed)
	 * @throws IllegalStateException when a window is planned while maintenance is on
	 */
	public MaintenanceState applyTo(MaintenanceMode maintenanceMode, @Nullable String updatedBy) {
		if (!this.enabled) {
			return maintenanceMode.disable(updatedBy);
		}
		if (this.start != null) {
			return maintenanceMode.schedule(this.start, this.until, this.mode, this.reason, updatedBy);
		}
		return maintenanceMode.enable(this.mode, this.reason, this.until, updatedBy, this.autoEnd);
	}

	private static boolean parseEnabled(Object enabled) {
		return parseBoolean("enabled", enabled);
	}

	private static boolean parseBoolean(String field, Object value) {
		if (value instanceof Boolean bool) {
			return bool;
		}
		if ("true".equals(value) || "false".equals(value)) {
			return "true".equals(value);
		}
		throw new InvalidMaintenanceRequestException(field, "'" + field + "' must be true or false");
	}

	private static @Nullable String parseReason(@Nullable Object reason) {
		if (reason == null) {
			return null;
		}
		if (!(reason instanceof String text)) {
			throw new InvalidMaintenanceRequestException("reason", "'reason' must be a string");
		}
		if (text.length() > MAX_REASON_LENGTH) {
			throw new InvalidMaintenanceRequestException("reason",
					"'reason' is longer than " + MAX_REASON_LENGTH + " characters");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\n' && c != '\t') {
				throw new InvalidMaintenanceRequestException("reason", "'reason' contains control characters");
			}
			if (Character.isSurrogate(c)) {
				if (!Character.isHighSurrogate(c) || i + 1 == text.length()
						|| !Character.isLowSurrogate(text.charAt(i + 1))) {
					throw new InvalidMaintenanceRequestException("reason",
							"'reason' contains an unpaired surrogate (not valid Unicode text)");
				}
				i++;
			}
		}
		String trimmed = text.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}

	private static MaintenanceState.Mode parseMode(@Nullable Object mode) {
		if (mode == null) {
			return MaintenanceState.Mode.FULL;
		}
		if (mode instanceof String text) {
			try {
				return MaintenanceState.Mode.valueOf(text.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				// fall through
			}
		}
		throw new InvalidMaintenanceRequestException("mode", "'mode' must be FULL or READ_ONLY");
	}

	private static @Nullable Instant parseInstant(String field, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		Instant instant = (value instanceof String text) ? instantOrNull(text) : null;
		if (instant == null) {
			throw new InvalidMaintenanceRequestException(field,
					"'" + field + "' must be an ISO-8601 instant such as 2026-12-01T02:00:00Z");
		}
		if (instant.isAfter(LATEST)) {
			throw new InvalidMaintenanceRequestException(field, "'" + field + "' must be no later than " + LATEST);
		}
		return instant;
	}

	private static @Nullable Instant instantOrNull(String text) {
		try {
			return Instant.parse(text.strip());
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static Duration parseDuration(Object value) {
		if (value instanceof String text) {
			try {
				Duration duration = Duration.parse(text.strip());
				if (!duration.isNegative() && !duration.isZero()) {
					return duration;
				}
			}
			catch (DateTimeException ex) {
				// fall through
			}
		}
		throw new InvalidMaintenanceRequestException("duration",
				"'duration' must be a positive ISO-8601 duration such as PT30M");
	}

}
