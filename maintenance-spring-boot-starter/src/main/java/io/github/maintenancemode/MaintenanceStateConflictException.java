package io.github.maintenancemode;

/**
 * Thrown by {@link MaintenanceStateStore#write} when the stored version is not the one
 * the writer read: another writer came first.
 */
public class MaintenanceStateConflictException extends RuntimeException {

	private final long expectedVersion;

	private final long actualVersion;

	/**
	 * Create the exception.
	 * @param expectedVersion the version the writer read
	 * @param actualVersion the version the store holds
	 */
	public MaintenanceStateConflictException(long expectedVersion, long actualVersion) {
		super("Maintenance state was changed concurrently: expected version " + expectedVersion + " but found "
				+ actualVersion);
		this.expectedVersion = expectedVersion;
		this.actualVersion = actualVersion;
	}

	/**
	 * Return the version the writer read.
	 * @return the expected version
	 */
	public long getExpectedVersion() {
		return this.expectedVersion;
	}

	/**
	 * Return the version the store holds.
	 * @return the actual version
	 */
	public long getActualVersion() {
		return this.actualVersion;
	}

}
