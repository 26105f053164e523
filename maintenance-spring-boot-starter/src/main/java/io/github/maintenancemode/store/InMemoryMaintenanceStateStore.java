package io.github.maintenancemode.store;

import java.util.Optional;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateConflictException;
import io.github.maintenancemode.MaintenanceStateStore;
import org.jspecify.annotations.Nullable;

/**
 * The default store: the state lives in this instance's memory only.
 */
public class InMemoryMaintenanceStateStore implements MaintenanceStateStore {

	/**
	 * The store's type, as selected with {@code maintenance.store.type}.
	 */
	public static final String TYPE = "memory";

	private @Nullable MaintenanceState state;

	@Override
	public synchronized Optional<MaintenanceState> read() {
		return Optional.ofNullable(this.state);
	}

	@Override
	public synchronized MaintenanceState write(MaintenanceState state, long expectedVersion) {
		long actual = (this.state != null) ? this.state.version() : 0;
		if (actual != expectedVersion) {
			throw new MaintenanceStateConflictException(expectedVersion, actual);
		}
		this.state = state.withVersion(expectedVersion + 1);
		return this.state;
	}

	@Override
	public String type() {
		return TYPE;
	}

}
