package io.github.maintenancemode.store.jdbc;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration properties of the JDBC maintenance state store, used with
 * {@code maintenance.store.type=jdbc}.
 */
@ConfigurationProperties("maintenance.store.jdbc")
public class JdbcMaintenanceStoreProperties {

	/**
	 * When to create the state table if it does not exist: "embedded" (in an embedded
	 * database only), "always", or "never" (create it yourself from the schema script for
	 * your database).
	 */
	private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

	/**
	 * Name of the table that holds the state: letters, digits and underscores, optionally
	 * qualified with a schema name. Instances that share the table share the state.
	 */
	private String tableName = "maintenance_state";

	/**
	 * How often each instance re-reads the state, and so how long a change made on one
	 * instance takes at most to reach the others.
	 */
	private Duration pollInterval = Duration.ofSeconds(1);

	public DatabaseInitializationMode getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public String getTableName() {
		return this.tableName;
	}

	public void setTableName(String tableName) {
		this.tableName = tableName;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

}
