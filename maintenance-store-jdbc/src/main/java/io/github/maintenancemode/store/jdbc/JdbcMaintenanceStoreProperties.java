package io.github.maintenancemode.store.jdbc;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

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
	private String tableName = JdbcMaintenanceStateStore.DEFAULT_TABLE_NAME;

	/**
	 * How often each instance re-reads the state, and so how long a change made on one
	 * instance takes at most to reach the others (unless PostgreSQL notifies it first).
	 */
	private Duration pollInterval = JdbcMaintenanceStateStore.DEFAULT_POLL_INTERVAL;

	/**
	 * Whether writes also notify the other instances through PostgreSQL's LISTEN/NOTIFY,
	 * so that they learn a change at once rather than at their next poll: "auto" (when
	 * the database is PostgreSQL and its JDBC driver is present) or "off". Each instance
	 * then holds one connection of its own, opened apart from the pool.
	 */
	private Notifications notifications = Notifications.AUTO;

	/**
	 * PostgreSQL channel on which changes are notified: letters, digits, underscores and
	 * dots, at most 63 characters. Defaults to the table name, so that instances sharing
	 * the table share the channel.
	 */
	private @Nullable String notificationChannel;

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

	public Notifications getNotifications() {
		return this.notifications;
	}

	public void setNotifications(Notifications notifications) {
		this.notifications = notifications;
	}

	public @Nullable String getNotificationChannel() {
		return this.notificationChannel;
	}

	public void setNotificationChannel(@Nullable String notificationChannel) {
		this.notificationChannel = notificationChannel;
	}

	/**
	 * Whether changes are pushed to the other instances besides polling.
	 */
	public enum Notifications {

		/**
		 * Push changes with LISTEN/NOTIFY when the database is PostgreSQL.
		 */
		AUTO,

		/**
		 * Rely on polling alone.
		 */
		OFF

	}

}
