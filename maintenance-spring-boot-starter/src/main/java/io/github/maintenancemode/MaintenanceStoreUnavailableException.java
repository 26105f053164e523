package io.github.maintenancemode;

/**
 * Thrown when the engine behind a {@link MaintenanceStateStore} cannot be reached.
 */
public class MaintenanceStoreUnavailableException extends RuntimeException {

	public MaintenanceStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
