package io.github.maintenancemode.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import io.github.maintenancemode.MaintenanceState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The text forms of the {@link FileMaintenanceStateStore}: the maintenance file itself
 * (plain text, or a flat JSON object with the state's fields) and the record the store
 * keeps next to it (the state with its version, and the digest of the maintenance file
 * that state was recorded for). Timestamps are ISO-8601 instants.
 */
final class MaintenanceFileFormat {

	private static final Log logger = LogFactory.getLog(MaintenanceFileFormat.class);

	private static final String DIGEST = "fileSha256";

	private MaintenanceFileFormat() {
	}

	/**
	 * Return the content of the maintenance file for a state that is on: a one-line JSON
	 * object that a person can read and edit.
	 * @param state the state
	 * @return the file content
	 */
	static byte[] maintenanceFile(MaintenanceState state) {
		return (MaintenanceStateJson.write(state) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the content of the record.
	 * @param state the recorded state
	 * @param fileDigest the digest of the maintenance file as recorded, {@code null} when
	 * there is no file
	 * @return the record content
	 */
	static byte[] record(MaintenanceState state, @Nullable String fileDigest) {
		Map<String, String> digest = (fileDigest != null) ? Map.of(DIGEST, fileDigest) : Map.of();
		return MaintenanceStateJson.write(state, digest).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Read a record.
	 * @param content the record content
	 * @return the record
	 * @throws IllegalArgumentException if the content is not a record
	 */
	static Record readRecord(byte[] content) {
		MaintenanceStateJson.Document record = MaintenanceStateJson.read(new String(content, StandardCharsets.UTF_8),
				null);
		return new Record(record.state(), record.others().get(DIGEST));
	}

	/**
	 * Read a maintenance file that was not written by the store as recorded (by hand, or
	 * by a store whose record was lost): plain text is the reason, a JSON object gives
	 * the state's fields. Fields that cannot be read are left out with a warning.
	 * @param content the file content
	 * @param modified when the file was last modified: the start of maintenance unless
	 * the file says otherwise
	 * @param updatedBy who made the change unless the file says otherwise
	 * @return the state, on, with the file's version or 0
	 */
	static MaintenanceState readMaintenanceFile(byte[] content, Instant modified, String updatedBy) {
		String text = new String(content, StandardCharsets.UTF_8).strip();
		text = text.startsWith("\uFEFF") ? text.substring(1).strip() : text;
		MaintenanceState read = MaintenanceState.on(MaintenanceState.Mode.FULL, null, null, null, null);
		String reason = null;
		if (text.startsWith("{")) {
			try {
				read = MaintenanceStateJson
					.read(text, (name, problem) -> logger.warn("Maintenance file: ignoring " + problem))
					.state();
				reason = read.reason();
			}
			catch (IllegalArgumentException ex) {
				logger.warn("Maintenance file is not valid JSON, so it gives no reason: " + ex.getMessage());
			}
		}
		else if (!text.isEmpty()) {
			reason = text;
		}
		reason = (reason != null && !reason.isBlank()) ? reason.strip() : null;
		// the file is there: maintenance is on, whatever it says
		return new MaintenanceState(true, read.mode(), reason, (read.since() != null) ? read.since() : modified,
				read.until(), read.scheduledStart(), (read.updatedBy() != null) ? read.updatedBy() : updatedBy,
				read.version());
	}

	/**
	 * Return the digest that a record keeps of a maintenance file.
	 * @param content the file content, or {@code null} when there is no file
	 * @return the digest, or {@code null} when there is no file
	 */
	static @Nullable String digest(byte @Nullable [] content) {
		if (content == null) {
			return null;
		}
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * A record: the state and the digest of the maintenance file it was recorded for.
	 *
	 * @param state the recorded state, with its version
	 * @param fileDigest the digest of the maintenance file, {@code null} when there was
	 * none
	 */
	record Record(MaintenanceState state, @Nullable String fileDigest) {

	}

}
