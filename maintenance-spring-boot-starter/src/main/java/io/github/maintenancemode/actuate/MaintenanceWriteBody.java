package io.github.maintenancemode.actuate;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Checks the JSON body of a write to the {@code maintenance} endpoint before the actuator
 * binds it: the actuator reads the body into a map of strings, in which the last of two
 * duplicate keys wins and {@code "reason": 123} becomes text. Here the body must be one
 * JSON object whose keys are unique and whose values have the documented types.
 */
final class MaintenanceWriteBody {

	private static final JsonFactory JSON = new JsonFactory();

	private static final Map<String, JsonToken[]> TYPES = Map.of("enabled", booleans(), "autoEnd", booleans(), "reason",
			strings(), "mode", strings(), "start", strings(), "until", strings(), "duration", strings());

	private MaintenanceWriteBody() {
	}

	private static JsonToken[] booleans() {
		return new JsonToken[] { JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE, JsonToken.VALUE_NULL };
	}

	private static JsonToken[] strings() {
		return new JsonToken[] { JsonToken.VALUE_STRING, JsonToken.VALUE_NULL };
	}

	/**
	 * Check a body.
	 * @param body the body's bytes (empty when there is none)
	 * @throws InvalidMaintenanceRequestException naming the field at fault
	 */
	static void check(byte[] body) {
		if (body.length == 0) {
			return;
		}
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			JsonToken first = parser.nextToken();
			if (first == JsonToken.VALUE_NULL && parser.nextToken() == null) {
				// no fields: the endpoint names the missing one
				return;
			}
			if (first != JsonToken.START_OBJECT) {
				throw new InvalidMaintenanceRequestException("body", "The body must be a JSON object");
			}
			Set<String> seen = new HashSet<>();
			JsonToken token;
			while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				if (!seen.add(name)) {
					throw new InvalidMaintenanceRequestException(name, "'" + name + "' is given more than once");
				}
				JsonToken value = parser.nextToken();
				JsonToken[] allowed = TYPES.get(name);
				if (allowed != null && !contains(allowed, value)) {
					String type = (allowed[0] == JsonToken.VALUE_TRUE) ? "true or false" : "a string";
					throw new InvalidMaintenanceRequestException(name, "'" + name + "' must be " + type);
				}
				parser.skipChildren();
			}
			if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
				throw new InvalidMaintenanceRequestException("body", "The body must be one JSON object");
			}
		}
		catch (JacksonException ex) {
			throw new InvalidMaintenanceRequestException("body", "The body is not valid JSON");
		}
	}

	private static boolean contains(JsonToken[] tokens, JsonToken token) {
		for (JsonToken candidate : tokens) {
			if (candidate == token) {
				return true;
			}
		}
		return false;
	}

}
