package io.github.maintenancemode.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.maintenancemode.test.LocalServices;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The databases the store is tested against: an embedded H2, and the PostgreSQL and
 * MariaDB servers on this machine.
 */
enum TestDatabase {

	H2("H2", 0, "sa", ""),

	POSTGRESQL("PostgreSQL", LocalServices.POSTGRESQL_PORT, LocalServices.DATABASE_USERNAME,
			LocalServices.DATABASE_PASSWORD),

	MARIADB("MariaDB", LocalServices.MARIADB_PORT, LocalServices.DATABASE_USERNAME, LocalServices.DATABASE_PASSWORD);

	private final String displayName;

	private final int port;

	private final String username;

	private final String password;

	private @Nullable HikariDataSource dataSource;

	TestDatabase(String displayName, int port, String username, String password) {
		this.displayName = displayName;
		this.port = port;
		this.username = username;
		this.password = password;
	}

	int port() {
		return this.port;
	}

	String displayName() {
		return this.displayName;
	}

	/**
	 * The JDBC URL of this database.
	 * @return the URL
	 */
	String url() {
		return (this == H2) ? "jdbc:h2:mem:maintenance;DB_CLOSE_DELAY=-1" : url(this.port);
	}

	/**
	 * The JDBC URL of this database's server when it listens on another port.
	 * @param port the port
	 * @return the URL
	 */
	String url(int port) {
		return switch (this) {
			case H2 -> "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:maintenance";
			case POSTGRESQL -> "jdbc:postgresql://" + LocalServices.HOST + ":" + port + "/" + LocalServices.DATABASE
					+ "?connectTimeout=2&socketTimeout=10";
			case MARIADB -> "jdbc:mariadb://" + LocalServices.HOST + ":" + port + "/" + LocalServices.DATABASE
					+ "?connectTimeout=2000&socketTimeout=10000";
		};
	}

	String username() {
		return this.username;
	}

	String password() {
		return this.password;
	}

	/**
	 * A pooled data source on this database, shared by the tests.
	 * @return the data source
	 */
	synchronized DataSource dataSource() {
		if (this.dataSource == null) {
			HikariConfig config = new HikariConfig();
			config.setPoolName("test-" + name().toLowerCase(Locale.ROOT));
			config.setJdbcUrl(url());
			config.setUsername(this.username);
			config.setPassword(this.password);
			config.setMaximumPoolSize(8);
			this.dataSource = new HikariDataSource(config);
		}
		return this.dataSource;
	}

	/**
	 * A data source for this database's server on another port (a proxy in front of it).
	 * @param port the port
	 * @return the data source
	 */
	DataSource dataSourceOnPort(int port) {
		return new DriverManagerDataSource(url(port), this.username, this.password);
	}

	/**
	 * A data source on a port of this machine where nothing listens.
	 * @return the data source
	 */
	DataSource unreachableDataSource() {
		return new DriverManagerDataSource(url(unusedPort()), this.username, this.password);
	}

	/**
	 * Create the state table, dropping the one of that name first.
	 * @param tableName the table name
	 */
	void recreateTable(String tableName) {
		dropTable(tableName);
		new JdbcMaintenanceSchemaInitializer(dataSource(), tableName, DatabaseInitializationMode.ALWAYS)
			.initializeSchema();
	}

	void dropTable(String tableName) {
		new JdbcTemplate(dataSource()).execute("DROP TABLE IF EXISTS " + tableName);
	}

	/**
	 * A table name that no other test (nor another build on this machine) uses.
	 * @return the table name
	 */
	static String uniqueTableName() {
		return "maintenance_state_test_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
	}

	/**
	 * A loopback port where nothing listens: connecting to it is refused at once.
	 * @return the port
	 */
	static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
