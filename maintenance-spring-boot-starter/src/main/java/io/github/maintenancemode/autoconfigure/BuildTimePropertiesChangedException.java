package io.github.maintenancemode.autoconfigure;

import java.util.List;

/**
 * Thrown when an application processed ahead of time starts with other values for the
 * properties that chose its maintenance beans at build time (see
 * {@link BuildTimeConditions}).
 */
public class BuildTimePropertiesChangedException extends IllegalStateException {

	static final String ACTION = "Rebuild the AOT sources (or the native image) with the run-time values, "
			+ "or leave these properties as they were at build time.";

	private final List<String> differences;

	BuildTimePropertiesChangedException(List<String> differences) {
		super("This application was processed ahead of time (AOT), which fixed the maintenance beans at build "
				+ "time, and the properties that chose them have other values now: " + String.join("; ", differences)
				+ ". The build-time choice would be used without a word. " + ACTION);
		this.differences = List.copyOf(differences);
	}

	/**
	 * Return each property whose value differs, with its build-time and run-time values.
	 * @return one line per property
	 */
	public List<String> getDifferences() {
		return this.differences;
	}

}
