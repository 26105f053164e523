package io.github.maintenancemode;

import org.jspecify.annotations.Nullable;

/**
 * What keeps a {@link MaintenanceMode} in step with its {@link MaintenanceStateStore}:
 * the first read at startup, re-reads, the store's change notifications and the last
 * error met on the store. It is for the infrastructure that does this (the
 * auto-configuration, the refresher, the health indicator, the command mode, a store's
 * own tests); applications switch maintenance through {@link MaintenanceMode} and never
 * need it.
 * <p>
 * It holds no state of its own: every instance made for the same switch acts on that
 * switch.
 */
public final class MaintenanceStoreSync {

	private final MaintenanceMode maintenanceMode;

	/**
	 * Create the link for a switch.
	 * @param maintenanceMode the switch to keep in step with its store
	 */
	public MaintenanceStoreSync(MaintenanceMode maintenanceMode) {
		this.maintenanceMode = maintenanceMode;
	}

	/**
	 * Set the state at startup: the stored one, or {@code initial} when the store holds
	 * none or cannot be reached.
	 * @param initial the state from the application's properties
	 */
	public void initialize(MaintenanceState initial) {
		this.maintenanceMode.initialize(initial);
	}

	/**
	 * Set the state at startup: the stored one; {@code initial} when the store holds
	 * none; {@code whenUnreachable} when it cannot be reached (the switch then catches up
	 * by itself when the store returns).
	 * @param initial the state from the application's properties
	 * @param whenUnreachable the state to assume while the store cannot be reached
	 */
	public void initialize(MaintenanceState initial, MaintenanceState whenUnreachable) {
		this.maintenanceMode.initialize(initial, whenUnreachable);
	}

	/**
	 * Re-read the store and serve what it holds. Failures are recorded for
	 * {@link #storeError()}, never thrown.
	 */
	public void refresh() {
		this.maintenanceMode.refresh();
	}

	/**
	 * Take note of a state that the store reports as changed elsewhere. The notification
	 * is a hint only: the store is read again, so that notifications that arrive late or
	 * out of order never bring back an older state than the one stored.
	 * @param notified the state the notification carried
	 */
	public void changed(MaintenanceState notified) {
		this.maintenanceMode.refresh();
	}

	/**
	 * Return the last error met when reaching the store, or {@code null} when the last
	 * call succeeded.
	 * @return the last store error
	 */
	public @Nullable String storeError() {
		return this.maintenanceMode.storeError();
	}

}
