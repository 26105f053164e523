package io.github.maintenancemode.store.redis;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON form of a {@link MaintenanceState}, as stored under the key and published on
 * the channel: a flat object whose timestamps are ISO-8601 instants in UTC. Unknown
 * properties are ignored when reading, so that a newer instance may add some.
 */
final class MaintenanceStateJson {

	private static final JsonFactory JSON_FACTORY = new JsonFactory();

	private MaintenanceStateJson() {
	}

	static String write(MaintenanceState state) {
		StringWriter out = new StringWriter(256);
		try (JsonGenerator json = JSON_FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
			json.writeStartObject();
			json.writeNumberProperty("version", state.version());
			json.writeBooleanProperty("enabled", state.enabled());
			json.writeStringProperty("mode", state.mode().name());
			json.writeStringProperty("reason", state.reason());
			json.writeStringProperty("since", text(state.since()));
			json.writeStringProperty("until", text(state.until()));
			json.writeStringProperty("scheduledStart", text(state.scheduledStart()));
			json.writeStringProperty("updatedBy", state.updatedBy());
			json.writeEndObject();
		}
		return out.toString();
	}

	/**
	 * Read a state from its JSON form.
	 * @param text the JSON text
	 * @return the state
	 * @throws IllegalArgumentException if the text is not a maintenance state
	 */
	static MaintenanceState read(String text) {
		try (JsonParser json = JSON_FACTORY.createParser(ObjectReadContext.empty(), text)) {
			if (json.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("Not a JSON object");
			}
			long version = 0;
			boolean enabled = false;
			MaintenanceState.Mode mode = MaintenanceState.Mode.FULL;
			String reason = null;
			Instant since = null;
			Instant until = null;
			Instant scheduledStart = null;
			String updatedBy = null;
			while (json.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = json.currentName();
				json.nextToken();
				switch (name) {
					case "version" -> version = json.getLongValue();
					case "enabled" -> enabled = json.getBooleanValue();
					case "mode" -> mode = MaintenanceState.Mode.valueOf(json.getString());
					case "reason" -> reason = string(json);
					case "since" -> since = instant(json);
					case "until" -> until = instant(json);
					case "scheduledStart" -> scheduledStart = instant(json);
					case "updatedBy" -> updatedBy = string(json);
					default -> json.skipChildren();
				}
			}
			return new MaintenanceState(enabled, mode, reason, since, until, scheduledStart, updatedBy, version);
		}
		catch (JacksonException | DateTimeParseException ex) {
			throw new IllegalArgumentException("Not a maintenance state: " + ex.getMessage(), ex);
		}
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	private static @Nullable String string(JsonParser json) {
		return (json.currentToken() != JsonToken.VALUE_NULL) ? json.getString() : null;
	}

	private static @Nullable Instant instant(JsonParser json) {
		String text = string(json);
		return (text != null) ? Instant.parse(text) : null;
	}

}
