package io.github.maintenancemode.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;

/**
 * The properties whose values decide, through the starter's conditions, which of its
 * beans exist, and the check that an application processed ahead of time (AOT) runs with
 * the values it was built with.
 * <p>
 * Under AOT ({@code -Dspring.aot.enabled=true}, and in every native image) the conditions
 * are decided when the application is built: a different {@code maintenance.store.type}
 * at run time would be ignored without a word, and an image built with the default store
 * would keep every instance's state in its own memory. The code generated at build time
 * calls {@link #check(Environment, String...)} with the values the conditions saw, before
 * any bean is created; the application runs only when the run-time values are the same.
 * Without AOT the conditions see the run-time values and nothing is checked.
 * <p>
 * Values are compared as the conditions read them: through the {@code Environment} by
 * their canonical names (so {@code MAINTENANCE_STORE_TYPE} and
 * {@code maintenance.store.type} are one property), ignoring case, and with an absent
 * property taking the value the condition assumes then ({@code memory}, {@code true}).
 * The actuator endpoint's access and exposure properties count by their outcome, whether
 * the endpoint is available, since many different values give the same outcome.
 */
public final class BuildTimeConditions {

	private static final List<ConditionProperty> PROPERTIES = List.of(
			new ConditionProperty("maintenance.store.type", null, "memory"),
			new ConditionProperty("maintenance.filter.enabled", null, "true"),
			new ConditionProperty("maintenance.scheduling.enabled", null, "true"),
			new ConditionProperty("maintenance.messaging.enabled", null, "true"), new ConditionProperty(
					"management.health.maintenance.enabled", "management.health.defaults.enabled", "true"));

	private BuildTimeConditions() {
	}

	/**
	 * Return the values that decide the starter's beans, as its conditions see them in
	 * the given properties.
	 * @param environment the application's environment
	 * @return each property's name and value, in a stable order
	 */
	public static Map<String, String> values(Environment environment) {
		Map<String, String> values = new LinkedHashMap<>();
		for (ConditionProperty property : PROPERTIES) {
			values.put(property.name(), property.value(environment));
		}
		values.put(MaintenanceEndpointAvailability.NAME, MaintenanceEndpointAvailability.of(environment));
		return values;
	}

	/**
	 * Check that the properties that decided the starter's beans when the application was
	 * processed ahead of time have the same values now. Called by the code generated at
	 * build time.
	 * @param environment the run-time environment
	 * @param buildTimeValues the build-time values, as name and value pairs
	 * @throws BuildTimePropertiesChangedException naming each property whose value
	 * differs, with both values
	 */
	public static void check(Environment environment, String... buildTimeValues) {
		if (buildTimeValues.length % 2 != 0) {
			throw new IllegalArgumentException("Build-time values must come as name and value pairs");
		}
		Map<String, String> runTime = values(environment);
		List<String> differences = new ArrayList<>();
		for (int i = 0; i < buildTimeValues.length; i += 2) {
			String name = buildTimeValues[i];
			String built = buildTimeValues[i + 1];
			String now = runTime.get(name);
			if (now != null && !Objects.equals(built, now)) {
				differences.add("%s was '%s' at build time and is '%s' at run time".formatted(name, built, now));
			}
		}
		if (!differences.isEmpty()) {
			throw new BuildTimePropertiesChangedException(differences);
		}
	}

	/**
	 * A property read by one of the starter's conditions.
	 *
	 * @param name the canonical name
	 * @param fallback the property whose value counts when this one is absent, if any
	 * @param defaultValue the value the condition assumes when neither is set
	 */
	private record ConditionProperty(String name, @Nullable String fallback, String defaultValue) {

		String value(PropertyResolver properties) {
			String value = properties.getProperty(this.name);
			if (value == null && this.fallback != null) {
				value = properties.getProperty(this.fallback);
			}
			return (value != null) ? value.toLowerCase(Locale.ROOT) : this.defaultValue;
		}

	}

}
