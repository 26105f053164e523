package io.github.maintenancemode.actuate;

/**
 * Thrown when a request to change the maintenance state is invalid. The message names the
 * field.
 */
public class InvalidMaintenanceRequestException extends RuntimeException {

	private final String field;

	private final String message;

	public InvalidMaintenanceRequestException(String field, String message) {
		super(message);
		this.field = field;
		this.message = message;
	}

	@Override
	public String getMessage() {
		return this.message;
	}

	public String getField() {
		return this.field;
	}

}
