package io.github.maintenancemode.actuate;

import java.util.Locale;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceStoreFailedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;

/**
 * Counts the failed calls to the maintenance state store in
 * {@code maintenance.store.errors}, tagged with the {@code store} type ({@code memory},
 * {@code file}, {@code jdbc}, {@code redis}) and the {@code operation} ({@code read} or
 * {@code write}). A store that is down is read again at every poll, so the counter rises
 * for as long as it stays down. The counters of the configured store are registered up
 * front.
 */
public class MaintenanceStoreMetrics implements MeterBinder, ApplicationListener<MaintenanceStoreFailedEvent> {

	private final MaintenanceMode maintenanceMode;

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Create the metrics.
	 * @param maintenanceMode the switch, whose store type is registered up front
	 */
	public MaintenanceStoreMetrics(MaintenanceMode maintenanceMode) {
		this.maintenanceMode = maintenanceMode;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (MaintenanceStoreFailedEvent.Operation operation : MaintenanceStoreFailedEvent.Operation.values()) {
			counter(registry, this.maintenanceMode.storeType(), operation);
		}
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(MaintenanceStoreFailedEvent event) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			counter(registry, event.getStoreType(), event.getOperation()).increment();
		}
	}

	private static Counter counter(MeterRegistry registry, String storeType,
			MaintenanceStoreFailedEvent.Operation operation) {
		return Counter.builder("maintenance.store.errors")
			.description("Calls to the maintenance state store that failed")
			.tag("store", storeType)
			.tag("operation", operation.name().toLowerCase(Locale.ROOT))
			.register(registry);
	}

}
