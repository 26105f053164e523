package io.github.maintenancemode.store;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a {@link MaintenanceState}, for every store that keeps the state as
 * text: a flat object with the members {@code version}, {@code enabled}, {@code mode},
 * {@code reason}, {@code since}, {@code until}, {@code scheduledStart} and
 * {@code updatedBy}, timestamps as ISO-8601 instants. Absent values are left out when
 * writing; when reading, absent and {@code null} members are the same, unknown members
 * are kept apart (so that a store can add its own and a newer instance can add fields),
 * and {@code mode} may be written in any case, with {@code -} for {@code _}.
 */
public final class MaintenanceStateJson {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private MaintenanceStateJson() {
	}

	/**
	 * Write a state.
	 * @param state the state
	 * @return the JSON text, on one line
	 */
	public static String write(MaintenanceState state) {
		return write(state, Map.of());
	}

	/**
	 * Write a state with members of a store's own after the state's.
	 * @param state the state
	 * @param extra the store's members, as strings
	 * @return the JSON text, on one line
	 */
	public static String write(MaintenanceState state, Map<String, String> extra) {
		ObjectNode json = mapper.createObjectNode();
		json.put("version", state.version());
		json.put("enabled", state.enabled());
		json.put("mode", state.mode().name());
		putIfPresent(json, "reason", state.reason());
		putIfPresent(json, "since", state.since());
		putIfPresent(json, "until", state.until());
		putIfPresent(json, "scheduledStart", state.scheduledStart());
		putIfPresent(json, "updatedBy", state.updatedBy());
		extra.forEach(json::put);
		return mapper.writeValueAsString(json);
	}

	private static void putIfPresent(ObjectNode json, String name, @Nullable Object value) {
		if (value != null) {
			json.put(name, value.toString());
		}
	}

	/**
	 * Read a state.
	 * @param text the JSON text
	 * @return the state
	 * @throws IllegalArgumentException if the text is not a JSON object or a member of
	 * the state cannot be read
	 */
	public static MaintenanceState read(String text) {
		return read(text, null).state();
	}

	/**
	 * Read a state and the members this form does not know.
	 * @param text the JSON text
	 * @param invalidMember told of each member of the state that cannot be read (its name
	 * and why), which is then left out; {@code null} to fail instead
	 * @return what was read
	 * @throws IllegalArgumentException if the text is not a JSON object, or a member
	 * cannot be read and no {@code invalidMember} is given
	 */
	public static Document read(String text, @Nullable InvalidMemberHandler invalidMember) {
		JsonNode json;
		try {
			json = mapper.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (json == null || !json.isObject()) {
			throw new IllegalArgumentException("Not a JSON object");
		}
		Fields fields = new Fields();
		Map<String, String> others = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> member : json.properties()) {
			try {
				if (!fields.set(member.getKey(), member.getValue()) && member.getValue().isString()) {
					others.put(member.getKey(), member.getValue().stringValue());
				}
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				String problem = "invalid '" + member.getKey() + "': " + ex.getMessage();
				if (invalidMember == null) {
					throw new IllegalArgumentException(problem, ex);
				}
				invalidMember.invalid(member.getKey(), problem);
			}
		}
		return new Document(fields.state(), Map.copyOf(others));
	}

	/**
	 * A state as read, with the string members that are not part of it.
	 *
	 * @param state the state ({@code enabled} is {@code false} unless the text says
	 * otherwise)
	 * @param others the other string members, such as a store's own
	 */
	public record Document(MaintenanceState state, Map<String, String> others) {

	}

	/**
	 * Told of a member that cannot be read.
	 */
	@FunctionalInterface
	public interface InvalidMemberHandler {

		/**
		 * A member cannot be read and is left out.
		 * @param name the member's name
		 * @param problem what is wrong with it
		 */
		void invalid(String name, String problem);

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

		boolean set(String name, JsonNode value) {
			switch (name) {
				case "version" -> this.version = version(value);
				case "enabled" -> this.enabled = enabled(value);
				case "mode" -> this.mode = mode(text(value));
				case "reason" -> this.reason = text(value);
				case "since" -> this.since = instant(text(value));
				case "until" -> this.until = instant(text(value));
				case "scheduledStart" -> this.scheduledStart = instant(text(value));
				case "updatedBy" -> this.updatedBy = text(value);
				default -> {
					return false;
				}
			}
			return true;
		}

		MaintenanceState state() {
			return new MaintenanceState(this.enabled, this.mode, this.reason, this.since, this.until,
					this.scheduledStart, this.updatedBy, this.version);
		}

		private static @Nullable String text(JsonNode value) {
			if (value.isNull()) {
				return null;
			}
			if (!value.isString()) {
				throw new IllegalArgumentException("expected a string");
			}
			return value.stringValue();
		}

		private static boolean enabled(JsonNode value) {
			if (!value.isBoolean()) {
				throw new IllegalArgumentException("expected true or false");
			}
			return value.booleanValue();
		}

		private static long version(JsonNode value) {
			if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
				throw new IllegalArgumentException("expected a positive whole number");
			}
			return value.longValue();
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

	}

}
