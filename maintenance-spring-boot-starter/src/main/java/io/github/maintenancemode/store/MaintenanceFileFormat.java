package io.github.maintenancemode.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.support.JsonStrings;
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
		return (toJson(state, false, null) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the content of the record.
	 * @param state the recorded state
	 * @param fileDigest the digest of the maintenance file as recorded, {@code null} when
	 * there is no file
	 * @return the record content
	 */
	static byte[] record(MaintenanceState state, @Nullable String fileDigest) {
		return toJson(state, true, fileDigest).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Read a record.
	 * @param content the record content
	 * @return the record
	 * @throws IllegalArgumentException if the content is not a record
	 */
	static Record readRecord(byte[] content) {
		Fields fields = parse(new String(content, StandardCharsets.UTF_8), true);
		return new Record(fields.state(fields.enabled), fields.digest);
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
		Fields fields = new Fields();
		if (text.startsWith("{")) {
			try {
				fields = parse(text, false);
			}
			catch (IllegalArgumentException ex) {
				logger.warn("Maintenance file is not valid JSON, so it gives no reason: " + ex.getMessage());
			}
		}
		else if (!text.isEmpty()) {
			fields.reason = text;
		}
		fields.reason = (fields.reason != null && !fields.reason.isBlank()) ? fields.reason.strip() : null;
		fields.since = (fields.since != null) ? fields.since : modified;
		fields.updatedBy = (fields.updatedBy != null) ? fields.updatedBy : updatedBy;
		return fields.state(true);
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

	private static String toJson(MaintenanceState state, boolean record, @Nullable String fileDigest) {
		StringBuilder json = new StringBuilder(256).append('{');
		if (record) {
			json.append("\"enabled\":").append(state.enabled()).append(',');
		}
		json.append("\"mode\":\"").append(state.mode().name()).append('"');
		writeIfPresent(json, "reason", state.reason());
		writeIfPresent(json, "since", state.since());
		writeIfPresent(json, "until", state.until());
		writeIfPresent(json, "scheduledStart", state.scheduledStart());
		writeIfPresent(json, "updatedBy", state.updatedBy());
		json.append(",\"version\":").append(state.version());
		if (record) {
			writeIfPresent(json, DIGEST, fileDigest);
		}
		return json.append('}').toString();
	}

	private static void writeIfPresent(StringBuilder json, String name, @Nullable Object value) {
		if (value != null) {
			json.append(",\"").append(name).append("\":");
			JsonStrings.append(json, value.toString());
		}
	}

	private static Fields parse(String text, boolean strict) {
		Fields fields = new Fields();
		for (Map.Entry<String, @Nullable Object> member : MaintenanceFileJson.readObject(text).entrySet()) {
			try {
				fields.set(member.getKey(), member.getValue());
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				if (strict) {
					throw new IllegalArgumentException("invalid '" + member.getKey() + "': " + ex.getMessage(), ex);
				}
				logger.warn("Maintenance file: ignoring '" + member.getKey() + "': " + ex.getMessage());
			}
		}
		return fields;
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

	private static final class Fields {

		private boolean enabled;

		private MaintenanceState.Mode mode = MaintenanceState.Mode.FULL;

		private @Nullable String reason;

		private @Nullable Instant since;

		private @Nullable Instant until;

		private @Nullable Instant scheduledStart;

		private @Nullable String updatedBy;

		private long version;

		private @Nullable String digest;

		void set(String name, @Nullable Object value) {
			switch (name) {
				case "enabled" -> this.enabled = Boolean.TRUE.equals(value);
				case "mode" -> this.mode = mode(text(value));
				case "reason" -> this.reason = text(value);
				case "since" -> this.since = instant(text(value));
				case "until" -> this.until = instant(text(value));
				case "scheduledStart" -> this.scheduledStart = instant(text(value));
				case "updatedBy" -> this.updatedBy = text(value);
				case "version" -> this.version = version(value);
				case DIGEST -> this.digest = text(value);
				default -> {
				}
			}
		}

		MaintenanceState state(boolean enabled) {
			return new MaintenanceState(enabled, this.mode, this.reason, this.since, this.until, this.scheduledStart,
					this.updatedBy, this.version);
		}

		private static @Nullable String text(@Nullable Object value) {
			if (value != null && !(value instanceof String)) {
				throw new IllegalArgumentException("expected a string");
			}
			return (String) value;
		}

		private static MaintenanceState.Mode mode(@Nullable String text) {
			if (text == null) {
				return MaintenanceState.Mode.FULL;
			}
			return MaintenanceState.Mode.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}

		private static @Nullable Instant instant(@Nullable String text) {
			return (text != null) ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.strip(), Instant::from) : null;
		}

		private static long version(@Nullable Object value) {
			if (!(value instanceof Long version) || version < 0) {
				throw new IllegalArgumentException("expected a positive whole number");
			}
			return version;
		}

	}

}
