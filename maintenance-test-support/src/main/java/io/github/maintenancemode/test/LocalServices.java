package io.github.maintenancemode.test;

/**
 * Where the tests find the services of the machine they run on, and how they log in: the
 * one place that holds them. {@code .ci/run} creates the database user with these
 * credentials; each value can be changed with an environment variable for a machine set
 * up otherwise.
 */
public final class LocalServices {

	/**
	 * The address every service listens on.
	 */
	public static final String HOST = "127.0.0.1";

	/**
	 * PostgreSQL's port ({@code MAINTENANCE_TEST_POSTGRESQL_PORT}).
	 */
	public static final int POSTGRESQL_PORT = port("MAINTENANCE_TEST_POSTGRESQL_PORT", 5432);

	/**
	 * MariaDB's port ({@code MAINTENANCE_TEST_MARIADB_PORT}).
	 */
	public static final int MARIADB_PORT = port("MAINTENANCE_TEST_MARIADB_PORT", 3306);

	/**
	 * Redis's port ({@code MAINTENANCE_TEST_REDIS_PORT}).
	 */
	public static final int REDIS_PORT = port("MAINTENANCE_TEST_REDIS_PORT", 6379);

	/**
	 * RabbitMQ's AMQP port ({@code MAINTENANCE_TEST_RABBITMQ_PORT}).
	 */
	public static final int RABBITMQ_PORT = port("MAINTENANCE_TEST_RABBITMQ_PORT", 5672);

	/**
	 * The user the tests log in to RabbitMQ as
	 * ({@code MAINTENANCE_TEST_RABBITMQ_USERNAME}); RabbitMQ's {@code guest} may log in
	 * only from the loopback address, which the tests use.
	 */
	public static final String RABBITMQ_USERNAME = value("MAINTENANCE_TEST_RABBITMQ_USERNAME", "guest");

	/**
	 * Its password ({@code MAINTENANCE_TEST_RABBITMQ_PASSWORD}).
	 */
	public static final String RABBITMQ_PASSWORD = value("MAINTENANCE_TEST_RABBITMQ_PASSWORD", "guest");

	/**
	 * The database both PostgreSQL and MariaDB tests use.
	 */
	public static final String DATABASE = "test";

	/**
	 * The user the tests log in to PostgreSQL and MariaDB as
	 * ({@code MAINTENANCE_TEST_DATABASE_USERNAME}).
	 */
	public static final String DATABASE_USERNAME = value("MAINTENANCE_TEST_DATABASE_USERNAME", "maintenance");

	/**
	 * Its password ({@code MAINTENANCE_TEST_DATABASE_PASSWORD}).
	 */
	public static final String DATABASE_PASSWORD = value("MAINTENANCE_TEST_DATABASE_PASSWORD", "maintenance");

	private LocalServices() {
	}

	private static String value(String variable, String defaultValue) {
		String value = System.getenv(variable);
		return (value != null && !value.isEmpty()) ? value : defaultValue;
	}

	private static int port(String variable, int defaultValue) {
		String value = value(variable, Integer.toString(defaultValue));
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(variable + " must be a port number, but was '" + value + "'", ex);
		}
	}

}
