package io.github.maintenancemode.actuate;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStoreSync;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the maintenance state store. Maintenance being on does not make the
 * application unhealthy (a probe that failed would get the pod restarted); a store that
 * cannot be reached does.
 */
public class MaintenanceHealthIndicator extends AbstractHealthIndicator {

	private final MaintenanceMode maintenanceMode;

	private final MaintenanceStoreSync storeSync;

	public MaintenanceHealthIndicator(MaintenanceMode maintenanceMode) {
		super("Maintenance health check failed");
		this.maintenanceMode = maintenanceMode;
		this.storeSync = new MaintenanceStoreSync(maintenanceMode);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MaintenanceState state = this.maintenanceMode.status();
		String error = this.storeSync.storeError();
		if (error != null) {
			builder.down().withDetail("error", error);
		}
		else {
			builder.up();
		}
		builder.withDetail("enabled", state.enabled())
			.withDetail("mode", state.mode().name())
			.withDetail("store", this.maintenanceMode.storeType());
	}

}
