package io.github.maintenancemode.autoconfigure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.store.FileMaintenanceStateStore;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link FileMaintenanceStateStore}, selected with
 * {@code maintenance.store.type=file}.
 */
@AutoConfiguration(before = MaintenanceAutoConfiguration.class)
@ConditionalOnProperty(name = "maintenance.store.type", havingValue = "file")
@ConditionalOnMissingBean(MaintenanceStateStore.class)
@EnableConfigurationProperties(MaintenanceFileStoreProperties.class)
public final class MaintenanceFileStoreAutoConfiguration {

	private static final String PATH_PROPERTY = "maintenance.store.file.path";

	private static final String POLL_INTERVAL_PROPERTY = "maintenance.store.file.poll-interval";

	@Bean
	FileMaintenanceStateStore maintenanceStateStore(MaintenanceFileStoreProperties properties) {
		if (properties.getPollInterval().toMillis() <= 0) {
			throw new InvalidConfigurationPropertyValueException(POLL_INTERVAL_PROPERTY, properties.getPollInterval(),
					"The poll interval must be at least one millisecond.");
		}
		return new FileMaintenanceStateStore(path(properties.getPath()), properties.getPollInterval());
	}

	private static Path path(String path) {
		try {
			Path file = Path.of(path);
			if (path.isBlank() || file.toAbsolutePath().getParent() == null) {
				throw new InvalidPathException(path, "not a file in a directory");
			}
			return file;
		}
		catch (InvalidPathException ex) {
			throw new InvalidConfigurationPropertyValueException(PATH_PROPERTY, path,
					"The path must name a file in a directory: " + ex.getMessage());
		}
	}

}
