package io.github.maintenancemode;

/**
 * Thrown when the engine behind a {@link MaintenanceStateStore} cannot be reached.
 */
public class MaintenanceStoreUnavailableException extends RuntimeException {

	/**
	 * Create the exception.
	 * @param message what could not be done
	 * @param cause the engine's failure
	 */
	public MaintenanceStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
