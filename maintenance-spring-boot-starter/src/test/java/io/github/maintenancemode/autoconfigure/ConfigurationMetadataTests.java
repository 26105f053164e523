package io.github.maintenancemode.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

	private static JsonNode read() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
