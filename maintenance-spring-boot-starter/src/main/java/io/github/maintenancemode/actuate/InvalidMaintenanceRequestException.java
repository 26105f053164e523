package io.github.maintenancemode.actuate;

/**
 * Thrown when a request to change the maintenance state is invalid. The message names the
 * field.
 */
public class InvalidMaintenanceRequestException extends RuntimeException {

	private final String field;

	public InvalidMaintenanceRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String getField() {
		return this.field;
	}

}
