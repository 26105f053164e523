package io.github.maintenancemode.store;

import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.test.AbstractMaintenanceStateStoreTests;

/**
 * The store contract for {@link InMemoryMaintenanceStateStore}: one store instance is one
 * engine, so "another instance" is the same object.
 */
class InMemoryMaintenanceStateStoreTests extends AbstractMaintenanceStateStoreTests {

	private InMemoryMaintenanceStateStore store = new InMemoryMaintenanceStateStore();

	@Override
	protected void clearStoredState() {
		this.store = new InMemoryMaintenanceStateStore();
	}

	@Override
	protected MaintenanceStateStore createStore() {
		return this.store;
	}

	@Override
	protected MaintenanceStateStore anotherInstanceOf(MaintenanceStateStore store) {
		return store;
	}

}
