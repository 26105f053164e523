package io.github.maintenancemode.actuate;

import java.util.Locale;

import io.github.maintenancemode.MaintenanceModeChangedEvent;
import io.github.maintenancemode.MaintenanceState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;

/**
 * Counts the transitions of the state this instance serves in
 * {@code maintenance.transitions}, tagged {@code from} and {@code to} with one of
 * {@code off}, {@code full}, {@code read_only} and {@code planned} (a window planned and
 * not begun). A change of reason or end alone is no transition. Every instance counts the
 * changes it serves, whichever instance made them. The counters are registered up front,
 * so that every transition has a series from the start.
 */
public class MaintenanceTransitionMetrics implements MeterBinder, ApplicationListener<MaintenanceModeChangedEvent> {

	private volatile Counter @Nullable [][] transitions;

	@Override
	public void bindTo(MeterRegistry registry) {
		Phase[] phases = Phase.values();
		Counter[][] counters = new Counter[phases.length][phases.length];
		for (Phase from : phases) {
			for (Phase to : phases) {
				if (from != to) {
					counters[from.ordinal()][to.ordinal()] = Counter.builder("maintenance.transitions")
						.description("Changes of the maintenance state served by this instance")
						.tag("from", from.tagValue())
						.tag("to", to.tagValue())
						.register(registry);
				}
			}
		}
		this.transitions = counters;
	}

	@Override
	public void onApplicationEvent(MaintenanceModeChangedEvent event) {
		Counter[][] counters = this.transitions;
		Phase from = Phase.of(event.getPrevious());
		Phase to = Phase.of(event.getCurrent());
		if (counters != null && from != to) {
			counters[from.ordinal()][to.ordinal()].increment();
		}
	}

	/**
	 * Where a state stands, as the tags name it.
	 */
	enum Phase {

		OFF, FULL, READ_ONLY, PLANNED;

		static Phase of(MaintenanceState state) {
			if (state.enabled()) {
				return (state.mode() == MaintenanceState.Mode.READ_ONLY) ? READ_ONLY : FULL;
			}
			return (state.scheduledStart() != null) ? PLANNED : OFF;
		}

		String tagValue() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
