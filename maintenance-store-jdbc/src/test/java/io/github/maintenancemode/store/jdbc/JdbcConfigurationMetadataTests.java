package io.github.maintenancemode.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC store's defaults are defined once, on the store, and the configuration
 * metadata that IDEs show gives the same ones.
 */
class JdbcConfigurationMetadataTests {

	@Test
	void defaultsDefinedOnTheStoreAreTheOnesIdesShow() throws IOException {
		List<JsonNode> metadata = read();
		JdbcMaintenanceStoreProperties properties = new JdbcMaintenanceStoreProperties();
		assertThat(defaultValue(metadata, "maintenance.store.jdbc.table-name")).isEqualTo(properties.getTableName())
			.isEqualTo(JdbcMaintenanceStateStore.DEFAULT_TABLE_NAME);
		assertThat(DurationStyle.detectAndParse(defaultValue(metadata, "maintenance.store.jdbc.poll-interval")))
			.isEqualTo(properties.getPollInterval())
			.isEqualTo(JdbcMaintenanceStateStore.DEFAULT_POLL_INTERVAL);
	}

	private static String defaultValue(List<JsonNode> metadata, String name) {
		for (JsonNode file : metadata) {
			for (JsonNode property : file.get("properties")) {
				if (property.get("name").asString().equals(name)) {
					assertThat(property.path("description").asString("")).as("description of %s", name).isNotBlank();
					return property.path("defaultValue").asString("(none)");
				}
			}
		}
		throw new AssertionError("No metadata for " + name);
	}

	/**
	 * Read every metadata file on the class path: the starter has one too.
	 * @return the files' contents
	 */
	private static List<JsonNode> read() throws IOException {
		List<JsonNode> files = new ArrayList<>();
		Enumeration<URL> urls = JdbcMaintenanceStoreProperties.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (urls.hasMoreElements()) {
			try (InputStream in = urls.nextElement().openStream()) {
				files.add(JsonMapper.builder().build().readTree(in));
			}
		}
		return files;
	}

}
