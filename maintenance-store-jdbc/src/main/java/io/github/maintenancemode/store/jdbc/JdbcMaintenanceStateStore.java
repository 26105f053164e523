package io.github.maintenancemode.store.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateConflictException;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.util.Assert;

/**
 * A {@link MaintenanceStateStore} that keeps the state in one row of a database table,
 * shared by every application instance that uses the same table. Instances re-read the
 * row at the {@link #pollInterval() poll interval}; on PostgreSQL, given
 * {@link PostgresNotifications}, every write also notifies the other instances at once
 * (polling stays the safety net, and the only way on other databases).
 * <p>
 * Writes are a compare-and-set on the row's {@code version} column: the first write
 * inserts the row (and fails when another instance inserted it first), later writes
 * update it only where the version is still the one the writer read. Timestamps are
 * stored as UTC epoch milliseconds, so they are kept to the millisecond. Every failure to
 * reach or use the database is reported as a {@link MaintenanceStoreUnavailableException}
 * whose message names the store type and the table.
 * <p>
 * Given a transaction manager, each statement runs in a transaction of its own
 * ({@code REQUIRES_NEW}) that is committed at once, whatever the pool's auto-commit
 * setting: a change made from inside an application's transaction is then seen by every
 * instance at once, kept when that transaction rolls back, and never waits on the locks
 * it holds. The statement then takes a connection of its own while the caller's
 * transaction keeps one: the pool needs room for both.
 * <p>
 * The table is created by {@link JdbcMaintenanceSchemaInitializer}, or by hand from the
 * {@code schema-<platform>.sql} scripts shipped next to this class.
 * <p>
 * With notifications, the store sends {@code pg_notify} in the transaction of each write
 * (so PostgreSQL delivers it when the change commits, never before), and listens from the
 * first {@link #subscribe subscription} until {@link #stop()}, on a connection of its own
 * that it holds meanwhile. Without a transaction manager, the notification follows the
 * committed change as a statement of its own.
 */
public class JdbcMaintenanceStateStore implements MaintenanceStateStore, SmartLifecycle {

	/**
	 * The store's type, as selected with {@code maintenance.store.type}.
	 */
	public static final String TYPE = "jdbc";

	/**
	 * The table name used unless another is given.
	 */
	public static final String DEFAULT_TABLE_NAME = "maintenance_state";

	/**
	 * The poll interval used unless another is given.
	 */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

	private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	private static final int ROW_ID = 1;

	private static final String NOTIFY = "SELECT pg_notify(?, ?)";

	private final JdbcOperations jdbc;

	private final @Nullable PlatformTransactionManager transactionManager;

	private final TransactionDefinition ownTransaction = new DefaultTransactionDefinition(
			TransactionDefinition.PROPAGATION_REQUIRES_NEW);

	private final String tableName;

	private final Duration pollInterval;

	private final String selectState;

	private final String selectVersion;

	private final String insertState;

	private final String updateState;

	private final @Nullable PostgresNotifications notifications;

	private final @Nullable PostgresStateListener listener;

	/**
	 * Whether the database is PostgreSQL, once a write has seen it.
	 */
	private volatile @Nullable Boolean postgreSql;

	private volatile boolean running;

	/**
	 * Create a store on the default table that is polled every second.
	 * @param jdbc the JDBC access to the database
	 */
	public JdbcMaintenanceStateStore(JdbcOperations jdbc) {
		this(jdbc, DEFAULT_TABLE_NAME, DEFAULT_POLL_INTERVAL);
	}

	/**
	 * Create a store.
	 * @param jdbc the JDBC access to the database
	 * @param tableName the table that holds the state: letters, digits and underscores,
	 * optionally qualified with a schema name
	 * @param pollInterval how often instances should re-read the state
	 */
	public JdbcMaintenanceStateStore(JdbcOperations jdbc, String tableName, Duration pollInterval) {
		this(jdbc, null, tableName, pollInterval);
	}

	/**
	 * Create a store whose statements each run in a transaction of their own.
	 * @param jdbc the JDBC access to the database
	 * @param transactionManager the manager of the transactions of the store's own (on
	 * the data source behind {@code jdbc}), or {@code null} to run each statement as the
	 * connection's auto-commit setting has it
	 * @param tableName the table that holds the state: letters, digits and underscores,
	 * optionally qualified with a schema name
	 * @param pollInterval how often instances should re-read the state
	 */
	public JdbcMaintenanceStateStore(JdbcOperations jdbc, @Nullable PlatformTransactionManager transactionManager,
			String tableName, Duration pollInterval) {
		this(jdbc, transactionManager, tableName, pollInterval, null);
	}

	/**
	 * Create a store whose statements each run in a transaction of their own and that, on
	 * PostgreSQL, pushes its changes to the other instances.
	 * @param jdbc the JDBC access to the database
	 * @param transactionManager the manager of the transactions of the store's own (on
	 * the data source behind {@code jdbc}), or {@code null} to run each statement as the
	 * connection's auto-commit setting has it
	 * @param tableName the table that holds the state: letters, digits and underscores,
	 * optionally qualified with a schema name
	 * @param pollInterval how often instances should re-read the state
	 * @param notifications how changes are notified on PostgreSQL, or {@code null} to
	 * rely on polling alone
	 */
	public JdbcMaintenanceStateStore(JdbcOperations jdbc, @Nullable PlatformTransactionManager transactionManager,
			String tableName, Duration pollInterval, @Nullable PostgresNotifications notifications) {
		Assert.isTrue(isValidTableName(tableName), () -> "Table name '" + tableName
				+ "' is not valid: use letters, digits and underscores, optionally qualified with a schema name");
		Assert.isTrue(pollInterval.toMillis() > 0, "Poll interval must be at least one millisecond");
		this.jdbc = jdbc;
		this.transactionManager = transactionManager;
		this.tableName = tableName;
		this.pollInterval = pollInterval;
		this.selectState = "SELECT " + MaintenanceStateRow.COLUMNS + " FROM " + tableName + " WHERE id = ?";
		this.selectVersion = "SELECT version FROM " + tableName + " WHERE id = ?";
		this.insertState = "INSERT INTO " + tableName + " (" + MaintenanceStateRow.COLUMNS
				+ ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
		this.updateState = "UPDATE " + tableName + " SET " + MaintenanceStateRow.ASSIGNMENTS
				+ " WHERE id = ? AND version = ?";
		this.notifications = notifications;
		this.listener = (notifications != null) ? new PostgresStateListener(notifications, this::read) : null;
	}

	/**
	 * Return whether the given name can be used as the table name: letters, digits and
	 * underscores, not starting with a digit, optionally qualified with a schema name.
	 * @param tableName the candidate name
	 * @return whether it is valid
	 */
	public static boolean isValidTableName(String tableName) {
		return TABLE_NAME.matcher(tableName).matches();
	}

	@Override
	public Optional<MaintenanceState> read() {
		return call("read", () -> alone(
				() -> this.jdbc.query(this.selectState, MaintenanceStateRow::map, ROW_ID).stream().findFirst()));
	}

	@Override
	public MaintenanceState write(MaintenanceState state, long expectedVersion) {
		Assert.isTrue(expectedVersion >= 0, "Expected version must not be negative");
		MaintenanceState stored = MaintenanceStateRow.asStored(state).withVersion(expectedVersion + 1);
		return call("write", () -> (expectedVersion == 0) ? insert(stored) : update(stored, expectedVersion));
	}

	@Override
	public String type() {
		return TYPE;
	}

	/**
	 * Register a listener of the changes notified by PostgreSQL, and start listening
	 * unless the store listens already or was stopped. Without notifications, or on
	 * another database, the listener is never called.
	 */
	@Override
	public void subscribe(Consumer<MaintenanceState> listener) {
		if (this.listener != null) {
			this.listener.add(listener);
		}
	}

	/**
	 * Start listening for notifications again after {@link #stop()}, if there are
	 * listeners.
	 */
	@Override
	public void start() {
		this.running = true;
		if (this.listener != null) {
			this.listener.start();
		}
	}

	/**
	 * Stop listening for notifications and close the listening connection.
	 */
	@Override
	public void stop() {
		if (this.listener != null) {
			this.listener.stop();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return how the store pushes its changes on PostgreSQL.
	 * @return the notification settings, or {@code null} when the store relies on polling
	 * alone
	 */
	public @Nullable PostgresNotifications getNotifications() {
		return this.notifications;
	}

	/**
	 * Return whether the store is listening for notifications at this moment: it has
	 * notifications, listeners, and its connection is up.
	 * @return whether it listens
	 */
	public boolean isListening() {
		return this.listener != null && this.listener.isListening();
	}

	/**
	 * Return whether this store pushes changes: with notifications, on PostgreSQL.
	 * @return whether changes are pushed
	 */
	@Override
	public boolean notifiesChanges() {
		if (this.notifications == null) {
			return false;
		}
		try {
			return isPostgreSql();
		}
		catch (DataAccessException ex) {
			// not known until the database can be reached
			return false;
		}
	}

	@Override
	public Duration pollInterval() {
		return this.pollInterval;
	}

	/**
	 * Return the table that holds the state.
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

	private MaintenanceState insert(MaintenanceState state) {
		try {
			alone(() -> {
				this.jdbc.update(this.insertState, (statement) -> {
					MaintenanceStateRow.bind(statement, state);
					statement.setInt(MaintenanceStateRow.PARAMETERS + 1, ROW_ID);
				});
				notifyChange(state);
				return state;
			});
			return state;
		}
		catch (DataIntegrityViolationException ex) {
			long actual = readVersion();
			if (actual == 0) {
				throw ex;
			}
			throw new MaintenanceStateConflictException(0, actual);
		}
	}

	private MaintenanceState update(MaintenanceState state, long expectedVersion) {
		int updated = alone(() -> {
			int rows = this.jdbc.update(this.updateState, (statement) -> {
				MaintenanceStateRow.bind(statement, state);
				statement.setInt(MaintenanceStateRow.PARAMETERS + 1, ROW_ID);
				statement.setLong(MaintenanceStateRow.PARAMETERS + 2, expectedVersion);
			});
			if (rows > 0) {
				notifyChange(state);
			}
			return rows;
		});
		if (updated == 0) {
			throw new MaintenanceStateConflictException(expectedVersion, readVersion());
		}
		return state;
	}

	/**
	 * Notify the listeners of every instance of a change, in the transaction that makes
	 * it: PostgreSQL delivers the notification when that transaction commits.
	 */
	private void notifyChange(MaintenanceState state) {
		PostgresNotifications notifications = this.notifications;
		if (notifications != null && isPostgreSql()) {
			this.jdbc.query(NOTIFY, (RowCallbackHandler) (resultSet) -> {
			}, notifications.channel(), Long.toString(state.version()));
		}
	}

	private boolean isPostgreSql() {
		Boolean postgreSql = this.postgreSql;
		if (postgreSql == null) {
			String product = this.jdbc.execute(
					(ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName());
			postgreSql = DatabaseDriver.fromProductName(product) == DatabaseDriver.POSTGRESQL;
			this.postgreSql = postgreSql;
		}
		return postgreSql;
	}

	private long readVersion() {
		List<Long> versions = alone(() -> this.jdbc.queryForList(this.selectVersion, Long.class, ROW_ID));
		return versions.isEmpty() ? 0 : versions.get(0);
	}

	/**
	 * Run one statement in a transaction of its own: a failed statement (a duplicate
	 * insert) leaves no aborted transaction behind for the next one.
	 */
	private <T> T alone(Supplier<T> statement) {
		PlatformTransactionManager manager = this.transactionManager;
		if (manager == null) {
			return statement.get();
		}
		TransactionStatus transaction = manager.getTransaction(this.ownTransaction);
		T result;
		try {
			result = statement.get();
		}
		catch (RuntimeException | Error ex) {
			try {
				manager.rollback(transaction);
			}
			catch (RuntimeException rollbackFailure) {
				// a broken connection fails the rollback too: the statement's failure is
				// the one to report
				ex.addSuppressed(rollbackFailure);
			}
			throw ex;
		}
		manager.commit(transaction);
		return result;
	}

	private <T> T call(String action, Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (MaintenanceStateConflictException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// connection pools throw their own exceptions besides Spring's
			// translated ones
			throw unavailable(action, ex);
		}
	}

	private MaintenanceStoreUnavailableException unavailable(String action, RuntimeException ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = "Maintenance state store '" + TYPE + "' could not " + action + " table '" + this.tableName
				+ "': " + ((cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName());
		if (ex instanceof BadSqlGrammarException) {
			message += " (does the table exist? It is created by maintenance.store.jdbc.initialize-schema=always "
					+ "or by the schema script for your database)";
		}
		return new MaintenanceStoreUnavailableException(message, ex);
	}

}
