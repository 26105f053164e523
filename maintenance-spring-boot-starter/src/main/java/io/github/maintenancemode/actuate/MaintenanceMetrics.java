package io.github.maintenancemode.actuate;

import io.github.maintenancemode.MaintenanceMode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauge {@code maintenance.active} (1 while maintenance is on, 0 otherwise).
 */
public class MaintenanceMetrics implements MeterBinder {

	private final MaintenanceMode maintenanceMode;

	public MaintenanceMetrics(MaintenanceMode maintenanceMode) {
		this.maintenanceMode = maintenanceMode;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("maintenance.active", this.maintenanceMode, (mode) -> mode.isActive() ? 1 : 0)
			.description("Whether maintenance mode is on (1) or off (0)")
			.register(registry);
	}

}
