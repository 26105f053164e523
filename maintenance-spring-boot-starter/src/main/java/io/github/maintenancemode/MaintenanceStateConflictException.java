package io.github.maintenancemode;

/**
 * Thrown by {@link MaintenanceStateStore#write} when the stored version is not the one
 * the writer read: another writer came first.
 */
public class MaintenanceStateConflictException extends RuntimeException {

	private final long expectedVersion;

	private final long actualVersion;

	public MaintenanceStateConflictException(long expectedVersion, long actualVersion) {
		super("Maintenance state was changed concurrently: expected version " + expectedVersion + " but found "
				+ actualVersion);
		this.expectedVersion = expectedVersion;
		this.actualVersion = actualVersion;
	}

	public long getExpectedVersion() {
		return this.expectedVersion;
	}

	public long getActualVersion() {
		return this.actualVersion;
	}

}
