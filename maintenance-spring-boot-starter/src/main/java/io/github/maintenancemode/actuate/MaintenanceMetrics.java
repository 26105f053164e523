package io.github.maintenancemode.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.MaintenanceResponseKind;
import io.github.maintenancemode.web.MaintenanceResponseListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauges {@code maintenance.active} (1 while maintenance is on, 0 otherwise)
 * {@code maintenance.duration} (seconds since maintenance began) and
 * {@code maintenance.overdue} (seconds on past the expected end), and counts refused
 * requests in {@code maintenance.requests.blocked}, tagged with the response kind. The
 * counters are registered up front, so counting allocates nothing.
 */
public class MaintenanceMetrics implements MeterBinder, MaintenanceResponseListener {

	private final MaintenanceMode maintenanceMode;

	private final Clock clock;

	private final Counter[] blocked = new Counter[MaintenanceResponseKind.values().length];

	public MaintenanceMetrics(MaintenanceMode maintenanceMode, Clock clock) {
		this.maintenanceMode = maintenanceMode;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("maintenance.active", this.maintenanceMode, (mode) -> mode.isActive() ? 1 : 0)
			.description("Whether maintenance mode is on (1) or off (0)")
			.register(registry);
		Gauge.builder("maintenance.duration", this, MaintenanceMetrics::secondsOn)
			.description("How long maintenance has been on")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("maintenance.overdue", this, MaintenanceMetrics::secondsOverdue)
			.description("How long maintenance has been on past its expected end")
			.baseUnit("seconds")
			.register(registry);
		for (MaintenanceResponseKind kind : MaintenanceResponseKind.values()) {
			this.blocked[kind.ordinal()] = Counter.builder("maintenance.requests.blocked")
				.description("Requests answered with the maintenance response")
				.tag("kind", kind.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
	}

	@Override
	public void refused(MaintenanceResponseKind kind) {
		Counter counter = this.blocked[kind.ordinal()];
		if (counter != null) {
			counter.increment();
		}
	}

	private double secondsOverdue() {
		MaintenanceState state = this.maintenanceMode.status();
		Instant now = this.clock.instant();
		Instant until = state.until();
		return (until != null && state.isOverdue(now)) ? (now.toEpochMilli() - until.toEpochMilli()) / 1000.0 : 0;
	}

	private double secondsOn() {
		MaintenanceState state = this.maintenanceMode.status();
		Instant since = state.since();
		if (!state.enabled() || since == null) {
			return 0;
		}
		return Math.max(0, this.clock.millis() - since.toEpochMilli()) / 1000.0;
	}

}
