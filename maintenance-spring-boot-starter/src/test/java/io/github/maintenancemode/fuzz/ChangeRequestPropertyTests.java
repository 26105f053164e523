package io.github.maintenancemode.fuzz;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MutableClock;
import io.github.maintenancemode.actuate.InvalidMaintenanceRequestException;
import io.github.maintenancemode.actuate.MaintenanceChangeRequest;
import io.github.maintenancemode.actuate.MaintenanceEndpoint;
import io.github.maintenancemode.lifecycle.InstanceDrain;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Property-based tests of the endpoint's body: generated field values, as the actuator
 * hands them over (strings, or other JSON values), against a reference reading of the
 * contract; and the endpoint itself never fails, never changes the state on a refusal and
 * can always report the state it accepted.
 */
class ChangeRequestPropertyTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private static final Object[] ENABLED = { "true", "false", "TRUE", "1", "yes", "", " true", Boolean.TRUE,
			Boolean.FALSE, 1, List.of(true) };

	private static final Object[] MODES = { "FULL", "READ_ONLY", "read_only", " Full ", "PARTIAL", "", "READ ONLY", 5,
			Map.of() };

	private static final Object[] INSTANTS = { "2001-01-01T00:00:00Z", "2026-11-22T10:00:00Z",
			"2026-11-22T10:00:00.001Z", "2026-11-23T00:00:00Z", "2099-01-01T00:00:00+02:00", "9999-12-31T23:59:59Z",
			"9999-12-31T23:59:59.001Z", "+10000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z",
			"-1000000000-01-01T00:00:00Z", "tomorrow", "2099-13-01T00:00:00Z", "", "1893456000", 1893456000L };

	private static final Object[] DURATIONS = { "PT30M", "PT1S", "P1D", "P-1D", "PT0S", "PT-0.5S", "P3000000D",
			"P2913000D", "P106751991167300D", "PT9223372036854775807S", "forever", "", 30 };

	private final MutableClock clock = new MutableClock(NOW);

	private final MaintenanceMode maintenanceMode = new MaintenanceMode(new InMemoryMaintenanceStateStore(),
			(event) -> {
			}, this.clock);

	private final MaintenanceEndpoint endpoint = new MaintenanceEndpoint(this.maintenanceMode,
			new MaintenanceActivity(), this.clock, Duration.ofMinutes(5), new InstanceDrain((event) -> {
			}, false));

	@Property(tries = 5000, seed = "20261204")
	void bodiesAreReadAsTheContractSays(@ForAll("bodies") Body body) {
		Expected expected = expected(body);
		if (expected.field() == null) {
			assertThat(parse(body)).as(body.toString()).isEqualTo(expected.request());
		}
		else {
			assertThatExceptionOfType(InvalidMaintenanceRequestException.class).as(body.toString())
				.isThrownBy(() -> parse(body))
				.satisfies((ex) -> assertThat(ex.getField()).isEqualTo(expected.field()))
				.withMessageContaining("'" + expected.field() + "'");
		}
	}

	@Property(tries = 3000, seed = "20261205")
	void theEndpointNeverFailsNeverChangesTheStateOnARefusalAndCanReportWhatItAccepted(@ForAll("bodies") Body body) {
		this.clock.set(NOW);
		this.maintenanceMode.disable();
		MaintenanceState before = this.maintenanceMode.status();
		WebEndpointResponse<Object> response = this.endpoint.change(body.enabled(), body.reason(), body.mode(),
				body.start(), body.until(), body.duration(), null, SecurityContext.NONE);
		assertThat(response.getStatus()).as(body.toString()).isIn(200, 400, 409);
		if (response.getStatus() == 200) {
			MaintenanceState accepted = this.maintenanceMode.status();
			for (Instant instant : new Instant[] { accepted.until(), accepted.scheduledStart() }) {
				if (instant != null) {
					assertThat(instant).as(body.toString()).isBeforeOrEqualTo(LATEST);
				}
			}
			this.clock.set(LATEST.minusSeconds(1));
			assertThat(this.endpoint.status().retryAfterSeconds()).isPositive();
		}
		else {
			assertThat(this.maintenanceMode.status()).isEqualTo(before);
			assertThat(response.getBody()).asString().contains("error=");
		}
	}

	@Provide
	Arbitrary<Body> bodies() {
		return Arbitraries.randomValue(ChangeRequestPropertyTests::body);
	}

	private static MaintenanceChangeRequest parse(Body body) {
		return MaintenanceChangeRequest.parse(body.enabled(), body.reason(), body.mode(), body.start(), body.until(),
				body.duration(), NOW);
	}

	private static Body body(Random random) {
		return new Body(pick(random, ENABLED, 8), reason(random), pick(random, MODES, 2), pick(random, INSTANTS, 2),
				pick(random, INSTANTS, 2), pick(random, DURATIONS, 2));
	}

	private static @Nullable Object pick(Random random, Object[] values, int nullOneIn) {
		return (random.nextInt(nullOneIn) == 0) ? null : values[random.nextInt(values.length)];
	}

	private static @Nullable Object reason(Random random) {
		return switch (random.nextInt(12)) {
			case 0 -> null;
			case 1 -> "";
			case 2 -> "   ";
			case 3 -> "r".repeat(500);
			case 4 -> "r".repeat(501);
			case 5 -> "line one\nline two\ttabbed";
			case 6 -> "bell\u0007";
			case 7 -> "emoji \ud83d\ude00 and \u00e9";
			case 8 -> (random.nextBoolean() ? "lone \ud800" : "\udc00 lone");
			case 9 -> "<script>alert(1)</script> & \"quoted\"";
			case 10 -> 42;
			default -> " Database upgrade ";
		};
	}

	/**
	 * The contract, read plainly: the field that a body gets refused for, or the request
	 * it makes.
	 */
	private static Expected expected(Body body) {
		if (body.enabled() == null) {
			return Expected.refused("enabled");
		}
		Boolean enabled = (body.enabled() instanceof Boolean value) ? value
				: ("true".equals(body.enabled()) || "false".equals(body.enabled())) ? "true".equals(body.enabled())
						: null;
		if (enabled == null) {
			return Expected.refused("enabled");
		}
		String reason = null;
		if (body.reason() != null) {
			if (!(body.reason() instanceof String text) || text.length() > 500 || !isText(text)) {
				return Expected.refused("reason");
			}
			reason = text.strip().isEmpty() ? null : text.strip();
		}
		MaintenanceState.Mode mode = MaintenanceState.Mode.FULL;
		if (body.mode() != null) {
			String name = (body.mode() instanceof String text) ? text.strip().toUpperCase(Locale.ROOT) : "";
			if (!name.equals("FULL") && !name.equals("READ_ONLY")) {
				return Expected.refused("mode");
			}
			mode = MaintenanceState.Mode.valueOf(name);
		}
		Instant start = instant(body.start());
		if (body.start() != null && (start == null || start.isAfter(LATEST))) {
			return Expected.refused("start");
		}
		if (start != null && !start.isAfter(NOW)) {
			return Expected.refused("start");
		}
		if (body.until() != null && body.duration() != null) {
			return Expected.refused("duration");
		}
		Instant end = instant(body.until());
		if (body.until() != null && (end == null || end.isAfter(LATEST))) {
			return Expected.refused("until");
		}
		if (body.duration() != null) {
			Duration length = duration(body.duration());
			if (length == null || length.isNegative() || length.isZero()) {
				return Expected.refused("duration");
			}
			try {
				end = ((start != null) ? start : NOW).plus(length);
			}
			catch (DateTimeException | ArithmeticException ex) {
				return Expected.refused("duration");
			}
			if (end.isAfter(LATEST)) {
				return Expected.refused("duration");
			}
		}
		if (end != null && !end.isAfter((start != null) ? start : NOW)) {
			return Expected.refused("until");
		}
		if (!enabled && start != null) {
			return Expected.refused("start");
		}
		return new Expected(new MaintenanceChangeRequest(enabled, mode, reason, start, end, false), null);
	}

	/**
	 * Whether text is valid Unicode without control characters (line feeds and tabs
	 * aside).
	 */
	private static boolean isText(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\n' && c != '\t') {
				return false;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable Instant instant(@Nullable Object value) {
		try {
			return (value instanceof String text) ? Instant.parse(text.strip()) : null;
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static @Nullable Duration duration(Object value) {
		try {
			return (value instanceof String text) ? Duration.parse(text.strip()) : null;
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * The fields of a body, as the endpoint receives them.
	 *
	 * @param enabled the {@code enabled} field
	 * @param reason the {@code reason} field
	 * @param mode the {@code mode} field
	 * @param start the {@code start} field
	 * @param until the {@code until} field
	 * @param duration the {@code duration} field
	 */
	record Body(@Nullable Object enabled, @Nullable Object reason, @Nullable Object mode, @Nullable Object start,
			@Nullable Object until, @Nullable Object duration) {

		@Override
		public String toString() {
			String reason = String.valueOf(this.reason);
			return "{enabled=" + this.enabled + ", reason=" + reason.substring(0, Math.min(40, reason.length()))
					+ ", mode=" + this.mode + ", start=" + this.start + ", until=" + this.until + ", duration="
					+ this.duration + "}";
		}

	}

	/**
	 * What the reference expects.
	 *
	 * @param request the request, when accepted
	 * @param field the field refused, otherwise
	 */
	record Expected(@Nullable MaintenanceChangeRequest request, @Nullable String field) {

		static Expected refused(String field) {
			return new Expected(null, field);
		}

	}

}
