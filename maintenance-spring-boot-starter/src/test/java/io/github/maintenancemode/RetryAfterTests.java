package io.github.maintenancemode;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAfter}.
 */
class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");

	private static final Duration FALLBACK = Duration.ofMinutes(5);

	private static MaintenanceState until(Instant until) {
		return new MaintenanceState(true, MaintenanceState.Mode.FULL, null, NOW, until, null, null, 1);
	}

	@Test
	void secondsLeftUntilTheExpectedEnd() {
		assertThat(RetryAfter.seconds(until(NOW.plusSeconds(90)), NOW, FALLBACK)).isEqualTo(90);
	}

	@Test
	void partialSecondsRoundUp() {
		assertThat(RetryAfter.seconds(until(NOW.plusMillis(1500)), NOW, FALLBACK)).isEqualTo(2);
		assertThat(RetryAfter.seconds(until(NOW.plusMillis(1)), NOW, FALLBACK)).isEqualTo(1);
	}

	@Test
	void unknownEndUsesTheFallback() {
		assertThat(RetryAfter.seconds(MaintenanceState.INITIAL, NOW, FALLBACK)).isEqualTo(300);
	}

	@Test
	void overdueEndUsesTheFallback() {
		assertThat(RetryAfter.seconds(until(NOW.minusSeconds(10)), NOW, FALLBACK)).isEqualTo(300);
		assertThat(RetryAfter.seconds(until(NOW), NOW, FALLBACK)).isEqualTo(300);
	}

	@Test
	void endFarInTheFutureGivesALongRetryAfterInsteadOfFailing() {
		assertThat(RetryAfter.seconds(until(Instant.parse("+1000000000-01-01T00:00:00Z")), NOW, FALLBACK))
			.isGreaterThan(31_000_000_000_000_000L);
	}

	@Test
	void neverZero() {
		assertThat(RetryAfter.seconds(MaintenanceState.INITIAL, NOW, Duration.ZERO)).isEqualTo(1);
	}

}
