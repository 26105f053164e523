package io.github.maintenancemode.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.github.maintenancemode.store.FileMaintenanceStateStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that IDEs complete {@code maintenance.*} keys from is
 * generated, and every key carries a description.
 */
class ConfigurationMetadataTests {

	@Test
	void everyMaintenancePropertyIsDescribed() throws IOException {
		JsonNode metadata = read();
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("maintenance.")) {
				names.add(name);
				assertThat(property.path("description").asString("")).as("description of %s", name).isNotBlank();
			}
		}
		assertThat(names).contains("maintenance.enabled", "maintenance.reason", "maintenance.mode",
				"maintenance.retry-after", "maintenance.filter.enabled", "maintenance.filter.order",
				"maintenance.response.status", "maintenance.response.template", "maintenance.response.redirect-url",
				"maintenance.allow.paths", "maintenance.allow.ip-addresses", "maintenance.allow.hosts",
				"maintenance.allow.roles", "maintenance.bypass.secret", "maintenance.bypass.cookie-max-age",
				"maintenance.drain.grace-period", "maintenance.announce-before", "maintenance.windows",
				"maintenance.readiness.refuse-traffic-when-enabled", "maintenance.scheduling.enabled",
				"maintenance.scheduling.skip-all", "maintenance.store.type",
				"maintenance.store.initial-state-when-unreachable");
	}

	@Test
	void storeTypesAreHinted() throws IOException {
		JsonNode metadata = read();
		List<String> values = new ArrayList<>();
		for (JsonNode hint : metadata.get("hints")) {
			if (hint.get("name").asString().equals("maintenance.store.type")) {
				hint.get("values").forEach((value) -> values.add(value.get("value").asString()));
			}
		}
		assertThat(values).containsExactly("memory", "file", "jdbc", "redis");
	}

	@Test
	void defaultsDefinedInCodeAreTheOnesIdesShow() throws IOException {
		JsonNode metadata = read();
		MaintenanceFileStoreProperties file = new MaintenanceFileStoreProperties();
		assertThat(defaultValue(metadata, "maintenance.store.file.path")).isEqualTo(file.getPath())
			.isEqualTo(FileMaintenanceStateStore.DEFAULT_PATH);
		assertThat(DurationStyle.detectAndParse(defaultValue(metadata, "maintenance.store.file.poll-interval")))
			.isEqualTo(file.getPollInterval())
			.isEqualTo(FileMaintenanceStateStore.DEFAULT_POLL_INTERVAL);
		assertThat(Integer.parseInt(defaultValue(metadata, "maintenance.filter.order")))
			.isEqualTo(new MaintenanceProperties().getFilter().getOrder());
	}

	/**
	 * Return the default value that the metadata gives a property.
	 * @param metadata the metadata
	 * @param name the property
	 * @return its default value, as text
	 */
	static String defaultValue(JsonNode metadata, String name) {
		for (JsonNode property : metadata.get("properties")) {
			if (property.get("name").asString().equals(name)) {
				return property.path("defaultValue").asString("(none)");
			}
		}
		throw new AssertionError("No metadata for " + name);
	}

	private static JsonNode read() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
