package io.github.maintenancemode.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.store.MaintenanceFileFormat.Record;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The record of a {@link FileMaintenanceStateStore} and its maintenance file, as read at
 * one moment.
 *
 * @param hasRecord whether there is a record
 * @param record the record, {@code null} when there is none or it cannot be read
 * @param file the content of the maintenance file, {@code null} when there is none
 * @param fileDigest the digest of the maintenance file, {@code null} when there is none
 */
record MaintenanceFileSnapshot(boolean hasRecord, @Nullable Record record, byte @Nullable [] file,
		@Nullable String fileDigest) {

	private static final Log logger = LogFactory.getLog(MaintenanceFileSnapshot.class);

	/**
	 * Read the record, then the maintenance file. A store replaces the file before the
	 * record, so a snapshot taken during a write does not match: the reader then takes
	 * the lock and reads again.
	 * @param recordPath the record
	 * @param path the maintenance file
	 * @return the snapshot
	 * @throws IOException if either cannot be read
	 */
	static MaintenanceFileSnapshot read(Path recordPath, Path path) throws IOException {
		byte[] record = readIfExists(recordPath);
		byte[] file = readIfExists(path);
		return new MaintenanceFileSnapshot(record != null, (record != null) ? readRecord(record) : null, file,
				MaintenanceFileFormat.digest(file));
	}

	/**
	 * Whether the file is as recorded, or there is neither a record nor a file.
	 * @return whether the recorded state is the current one
	 */
	boolean isRecorded() {
		if (!this.hasRecord) {
			return this.file == null;
		}
		return this.record != null && Objects.equals(this.record.fileDigest(), this.fileDigest);
	}

	/**
	 * Return the recorded state.
	 * @return the recorded state, or empty when there is none
	 */
	Optional<MaintenanceState> recordedState() {
		return (this.record != null) ? Optional.of(this.record.state()) : Optional.empty();
	}

	private static @Nullable Record readRecord(byte[] content) {
		try {
			return MaintenanceFileFormat.readRecord(content);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Maintenance state record is unreadable and will be replaced: " + ex.getMessage());
			return null;
		}
	}

	private static byte @Nullable [] readIfExists(Path file) throws IOException {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

}
