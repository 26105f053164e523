package io.github.maintenancemode.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.util.Assert;

/**
 * Creates the table of a {@link JdbcMaintenanceStateStore} at startup, unless it exists,
 * from the {@code schema-<platform>.sql} script for the database at hand (PostgreSQL,
 * MariaDB/MySQL or H2) with the table name filled in.
 * <p>
 * Depending on the {@link DatabaseInitializationMode}, the table is created always, only
 * in an embedded database (where nobody else would create it), or never. The database is
 * not contacted at all in mode {@code never}, nor in mode {@code embedded} when it cannot
 * be reached.
 */
public class JdbcMaintenanceSchemaInitializer implements InitializingBean {

	private static final Log logger = LogFactory.getLog(JdbcMaintenanceSchemaInitializer.class);

	private static final String SCRIPT_LOCATION = "io/github/maintenancemode/store/jdbc/schema-@@platform@@.sql";

	private static final String TABLE_NAME_PLACEHOLDER = "%TABLE_NAME%";

	private final DataSource dataSource;

	private final String tableName;

	private final DatabaseInitializationMode mode;

	/**
	 * Create an initializer.
	 * @param dataSource the database that holds the table
	 * @param tableName the table name (checked as by
	 * {@link JdbcMaintenanceStateStore#isValidTableName(String)})
	 * @param mode when to create the table
	 */
	public JdbcMaintenanceSchemaInitializer(DataSource dataSource, String tableName, DatabaseInitializationMode mode) {
		Assert.isTrue(JdbcMaintenanceStateStore.isValidTableName(tableName),
				() -> "Table name '" + tableName + "' is not valid");
		this.dataSource = dataSource;
		this.tableName = tableName;
		this.mode = mode;
	}

	@Override
	public void afterPropertiesSet() {
		initializeSchema();
	}

	/**
	 * Create the table unless it exists, if the mode asks for it.
	 * @return whether the schema script was run
	 */
	public boolean initializeSchema() {
		if (this.mode == DatabaseInitializationMode.NEVER
				|| (this.mode == DatabaseInitializationMode.EMBEDDED && !isEmbeddedDatabase())) {
			return false;
		}
		String location = new PlatformPlaceholderDatabaseDriverResolver()
			.withDriverPlatform(DatabaseDriver.MARIADB, "mysql")
			.resolveAll(this.dataSource, SCRIPT_LOCATION)
			.get(0);
		Resource script = new ClassPathResource(location);
		Assert.state(script.exists(),
				() -> "There is no schema script for this database (" + location
						+ "): create the maintenance state table '" + this.tableName
						+ "' yourself and set maintenance.store.jdbc.initialize-schema=never");
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator(withTableName(script));
		populator.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
		populator.execute(this.dataSource);
		logger.debug("Maintenance state table '" + this.tableName + "' is in place");
		return true;
	}

	private boolean isEmbeddedDatabase() {
		try {
			return EmbeddedDatabaseConnection.isEmbedded(this.dataSource);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not determine whether the database is embedded", ex);
			return false;
		}
	}

	private Resource withTableName(Resource script) {
		try {
			String sql = script.getContentAsString(StandardCharsets.UTF_8)
				.replace(TABLE_NAME_PLACEHOLDER, this.tableName);
			return new ByteArrayResource(sql.getBytes(StandardCharsets.UTF_8), script.getDescription());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + script.getDescription(), ex);
		}
	}

}
