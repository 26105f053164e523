package io.github.maintenancemode;

import org.springframework.context.ApplicationEvent;

/**
 * Published by {@link MaintenanceMode} after a call to its {@link MaintenanceStateStore}
 * failed (the store could not be reached or answered with an error; a version conflict is
 * no failure). Published once the store is released, in the order of the store's calls
 * and changes, never while the store is held.
 */
public class MaintenanceStoreFailedEvent extends ApplicationEvent {

	private final String storeType;

	private final Operation operation;

	private final RuntimeException failure;

	/**
	 * Create the event.
	 * @param source the {@link MaintenanceMode} that called the store
	 * @param storeType the type of the store, such as {@code jdbc}
	 * @param operation what was asked of the store
	 * @param failure what the store threw
	 */
	public MaintenanceStoreFailedEvent(Object source, String storeType, Operation operation, RuntimeException failure) {
		super(source);
		this.storeType = storeType;
		this.operation = operation;
		this.failure = failure;
	}

	/**
	 * Return the type of the store, such as {@code jdbc}.
	 * @return the store type
	 */
	public String getStoreType() {
		return this.storeType;
	}

	/**
	 * Return what was asked of the store.
	 * @return the operation
	 */
	public Operation getOperation() {
		return this.operation;
	}

	/**
	 * Return what the store threw.
	 * @return the failure
	 */
	public RuntimeException getFailure() {
		return this.failure;
	}

	/**
	 * What was asked of the store.
	 */
	public enum Operation {

		/**
		 * {@link MaintenanceStateStore#read()}.
		 */
		READ,

		/**
		 * {@link MaintenanceStateStore#write(MaintenanceState, long)}.
		 */
		WRITE

	}

}
