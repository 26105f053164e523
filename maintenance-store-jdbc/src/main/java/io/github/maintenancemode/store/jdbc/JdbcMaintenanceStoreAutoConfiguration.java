package io.github.maintenancemode.store.jdbc;

import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.store.jdbc.JdbcMaintenanceStoreProperties.Notifications;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.DatabaseDriver;
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
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the {@link JdbcMaintenanceStateStore} for
 * {@code maintenance.store.type=jdbc}: the store on the application's {@link DataSource},
 * and the initializer that creates its table.
 * <p>
 * On PostgreSQL (unless {@code maintenance.store.jdbc.notifications=off}) the store also
 * pushes changes with LISTEN/NOTIFY. Its listening connection is opened apart from the
 * pool, from the URL, user name and password of the {@link DataSource}, so that it never
 * takes one of the pool's connections for good; when those cannot be read from the data
 * source, the listener takes one connection of the pool and holds it.
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

	private static final Log logger = LogFactory.getLog(JdbcMaintenanceStoreAutoConfiguration.class);

	private static final String TABLE_NAME_PROPERTY = "maintenance.store.jdbc.table-name";

	private static final String CHANNEL_PROPERTY = "maintenance.store.jdbc.notification-channel";

	private static final String POLL_INTERVAL_PROPERTY = "maintenance.store.jdbc.poll-interval";

	private static final String POSTGRESQL_DRIVER = "org.postgresql.PGConnection";

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
		// a key of its own, to which no transaction of the application is ever
		// bound: each statement takes its own connection and commits by itself,
		// whatever transaction (JDBC or JPA) the caller is in
		DataSource own = new DelegatingDataSource(dataSource);
		String tableName = tableName(properties);
		return new JdbcMaintenanceStateStore(new JdbcTemplate(own), new DataSourceTransactionManager(own), tableName,
				pollInterval(properties), notifications(dataSource, tableName, properties));
	}

	private static @Nullable PostgresNotifications notifications(DataSource dataSource, String tableName,
			JdbcMaintenanceStoreProperties properties) {
		if (properties.getNotifications() == Notifications.OFF || !ClassUtils.isPresent(POSTGRESQL_DRIVER,
				JdbcMaintenanceStoreAutoConfiguration.class.getClassLoader())) {
			return null;
		}
		String channel = channel(tableName, properties);
		SimpleDriverDataSource unpooled = unpooled(dataSource);
		if (unpooled == null) {
			logger.info("Listening for maintenance state changes on a connection of the application's pool, "
					+ "held for as long as the application runs (the data source's URL is unknown)");
			return new PostgresNotifications(dataSource, channel);
		}
		String url = unpooled.getUrl();
		DatabaseDriver driver = (url != null) ? DatabaseDriver.fromJdbcUrl(url) : DatabaseDriver.UNKNOWN;
		if (driver != DatabaseDriver.POSTGRESQL && driver != DatabaseDriver.UNKNOWN) {
			return null;
		}
		Properties connectionProperties = new Properties();
		connectionProperties.setProperty("ApplicationName", "maintenance listener " + channel);
		unpooled.setConnectionProperties(connectionProperties);
		return new PostgresNotifications(unpooled, channel);
	}

	/**
	 * Return an unpooled data source on the same database as the given one, or
	 * {@code null} when its URL cannot be read.
	 */
	private static @Nullable SimpleDriverDataSource unpooled(DataSource dataSource) {
		try {
			SimpleDriverDataSource unpooled = DataSourceBuilder.derivedFrom(dataSource)
				.type(SimpleDriverDataSource.class)
				.build();
			return (unpooled.getUrl() != null) ? unpooled : null;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not derive an unpooled data source from " + dataSource, ex);
			return null;
		}
	}

	private static String channel(String tableName, JdbcMaintenanceStoreProperties properties) {
		String channel = properties.getNotificationChannel();
		if (channel == null || channel.isEmpty()) {
			if (!PostgresNotifications.isValidChannel(tableName)) {
				throw new InvalidConfigurationPropertyValueException(CHANNEL_PROPERTY, tableName,
						"The table name is too long to be the channel: set a channel of at most "
								+ PostgresNotifications.MAX_CHANNEL_LENGTH + " characters.");
			}
			return tableName;
		}
		if (!PostgresNotifications.isValidChannel(channel)) {
			throw new InvalidConfigurationPropertyValueException(CHANNEL_PROPERTY, channel,
					"A channel is made of at most " + PostgresNotifications.MAX_CHANNEL_LENGTH
							+ " letters, digits, underscores and dots, not starting with a digit or a dot.");
		}
		return channel;
	}

	private static Duration pollInterval(JdbcMaintenanceStoreProperties properties) {
		Duration pollInterval = properties.getPollInterval();
		if (pollInterval.toMillis() <= 0) {
			throw new InvalidConfigurationPropertyValueException(POLL_INTERVAL_PROPERTY, pollInterval,
					"The poll interval must be at least one millisecond.");
		}
		return pollInterval;
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
