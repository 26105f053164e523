package io.github.maintenancemode.store.jdbc;

import javax.sql.DataSource;

import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Auto-configuration of the {@link JdbcMaintenanceStateStore} for
 * {@code maintenance.store.type=jdbc}: the store on the application's {@link DataSource},
 * and the initializer that creates its table.
 */
@AutoConfiguration(before = MaintenanceAutoConfiguration.class,
		after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
@ConditionalOnProperty(name = "maintenance.store.type", havingValue = "jdbc")
@ConditionalOnBean(DataSource.class)
@ConditionalOnMissingBean(MaintenanceStateStore.class)
@EnableConfigurationProperties(JdbcMaintenanceStoreProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
@ImportRuntimeHints(JdbcMaintenanceStoreRuntimeHints.class)
public final class JdbcMaintenanceStoreAutoConfiguration {

	private static final String TABLE_NAME_PROPERTY = "maintenance.store.jdbc.table-name";

	@Bean
	@ConditionalOnMissingBean
	JdbcMaintenanceSchemaInitializer jdbcMaintenanceSchemaInitializer(DataSource dataSource,
			JdbcMaintenanceStoreProperties properties) {
		return new JdbcMaintenanceSchemaInitializer(dataSource, tableName(properties),
				properties.getInitializeSchema());
	}

	@Bean
	@DependsOnDatabaseInitialization
	JdbcMaintenanceStateStore maintenanceStateStore(DataSource dataSource, JdbcMaintenanceStoreProperties properties) {
		// a key of its own, to which no transaction of the application is ever bound:
		// each
		// statement takes its own connection and commits by itself, whatever transaction
		// (JDBC or JPA) the caller is in
		DataSource own = new DelegatingDataSource(dataSource);
		return new JdbcMaintenanceStateStore(new JdbcTemplate(own), new DataSourceTransactionManager(own),
				tableName(properties), properties.getPollInterval());
	}

	private static String tableName(JdbcMaintenanceStoreProperties properties) {
		String tableName = properties.getTableName();
		if (!JdbcMaintenanceStateStore.isValidTableName(tableName)) {
			throw new InvalidConfigurationPropertyValueException(TABLE_NAME_PROPERTY, tableName,
					"A table name is made of letters, digits and underscores, optionally qualified with a schema "
							+ "name (schema.table).");
		}
		return tableName;
	}

}
