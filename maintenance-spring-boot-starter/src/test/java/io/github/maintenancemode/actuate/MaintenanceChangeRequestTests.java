package io.github.maintenancemode.actuate;

import java.time.Instant;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MaintenanceChangeRequest}.
 */
class MaintenanceChangeRequestTests {

	private static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");

	@Test
	void minimalRequestSwitchesOnInFullMode() {
		MaintenanceChangeRequest request = parse("true", null, null, null, null, null);
		assertThat(request)
			.isEqualTo(new MaintenanceChangeRequest(true, MaintenanceState.Mode.FULL, null, null, null, false));
	}

	@Test
	void everyFieldIsParsed() {
		MaintenanceChangeRequest request = parse(true, "  Upgrade  ", "read_only", null, "2026-12-01T02:00:00Z", null);
		assertThat(request).isEqualTo(new MaintenanceChangeRequest(true, MaintenanceState.Mode.READ_ONLY, "Upgrade",
				null, Instant.parse("2026-12-01T02:00:00Z"), false));
	}

	@Test
	void autoEndNeedsAnEnd() {
		assertThat(MaintenanceChangeRequest.parse(true, null, null, null, null, "PT30M", true, NOW).autoEnd()).isTrue();
		assertThatExceptionOfType(InvalidMaintenanceRequestException.class)
			.isThrownBy(() -> MaintenanceChangeRequest.parse(true, null, null, null, null, null, true, NOW))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("autoEnd"));
		assertThatExceptionOfType(InvalidMaintenanceRequestException.class)
			.isThrownBy(() -> MaintenanceChangeRequest.parse(true, null, null, null, null, "PT30M", "yes", NOW))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("autoEnd"));
	}

	@Test
	void durationGivesTheEndFromNow() {
		assertThat(parse("true", null, null, null, null, "PT30M").until()).isEqualTo(NOW.plusSeconds(1800));
	}

	@Test
	void durationOfAWindowCountsFromItsStart() {
		MaintenanceChangeRequest request = parse("true", null, null, "2026-12-02T00:00:00Z", null, "PT1H");
		assertThat(request.start()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
		assertThat(request.until()).isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
	}

	@Test
	void startInThePastIsRefused() {
		assertThatExceptionOfType(InvalidMaintenanceRequestException.class)
			.isThrownBy(() -> parse("true", null, null, "2026-11-30T00:00:00Z", null, null))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("start"));
	}

	@Test
	void switchingOffIgnoresDetails() {
		assertThat(parse("false", null, null, null, null, null).enabled()).isFalse();
	}

	@ParameterizedTest(name = "{6}")
	@CsvSource(nullValues = "NULL", textBlock = """
			NULL,  NULL,  NULL,       NULL,                  NULL,                  NULL,   enabled
			yes,   NULL,  NULL,       NULL,                  NULL,                  NULL,   enabled
			1,     NULL,  NULL,       NULL,                  NULL,                  NULL,   enabled
			TRUE,  NULL,  NULL,       NULL,                  NULL,                  NULL,   enabled
			true,  NULL,  OFFLINE,    NULL,                  NULL,                  NULL,   mode
			true,  NULL,  '',         NULL,                  NULL,                  NULL,   mode
			true,  NULL,  NULL,       tomorrow,              NULL,                  NULL,   start
			true,  NULL,  NULL,       NULL,                  2026-13-01T00:00:00Z,  NULL,   until
			true,  NULL,  NULL,       NULL,                  2026-12-01,            NULL,   until
			true,  NULL,  NULL,       NULL,                  2026-11-30T00:00:00Z,  NULL,   until
			true,  NULL,  NULL,       2026-12-03T00:00:00Z,  2026-12-02T00:00:00Z,  NULL,   until
			true,  NULL,  NULL,       NULL,                  NULL,                  30m,    duration
			true,  NULL,  NULL,       NULL,                  NULL,                  -PT5M,  duration
			true,  NULL,  NULL,       NULL,                  NULL,                  PT0S,   duration
			true,  NULL,  NULL,       NULL,                  2026-12-02T00:00:00Z,  PT1H,   duration
			false, NULL,  NULL,       2026-12-03T00:00:00Z,  NULL,                  NULL,   start
			""")
	void invalidFieldIsNamed(@Nullable String enabled, @Nullable String reason, @Nullable String mode,
			@Nullable String start, @Nullable String until, @Nullable String duration, String field) {
		assertThatExceptionOfType(InvalidMaintenanceRequestException.class)
			.isThrownBy(() -> parse(enabled, reason, mode, start, until, duration))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo(field))
			.withMessageContaining("'" + field + "'");
	}

	@Test
	void reasonLongerThan500CharactersIsRejected() {
		parse("true", "x".repeat(500), null, null, null, null);
		assertThatExceptionOfType(InvalidMaintenanceRequestException.class)
			.isThrownBy(() -> parse("true", "x".repeat(501), null, null, null, null))
			.withMessageContaining("500");
	}

	@Test
	void reasonWithControlCharactersIsRejected() {
		assertThatExceptionOfType(InvalidMaintenanceRequestException.class)
			.isThrownBy(() -> parse("true", "bell\u0007", null, null, null, null))
			.withMessageContaining("'reason'");
	}

	@Test
	void hugeDurationIsRejected() {
		assertThatExceptionOfType(InvalidMaintenanceRequestException.class)
			.isThrownBy(() -> parse("true", null, null, null, null, "PT" + Long.MAX_VALUE / 2 + "S"))
			.withMessageContaining("'duration'");
	}

	@Test
	void reasonThatIsNotAStringIsRejected() {
		assertThatExceptionOfType(InvalidMaintenanceRequestException.class)
			.isThrownBy(() -> MaintenanceChangeRequest.parse(true, 42, null, null, null, null, NOW))
			.withMessageContaining("'reason'");
	}

	private static MaintenanceChangeRequest parse(@Nullable Object enabled, @Nullable Object reason,
			@Nullable Object mode, @Nullable Object start, @Nullable Object until, @Nullable Object duration) {
		return MaintenanceChangeRequest.parse(enabled, reason, mode, start, until, duration, NOW);
	}

}
