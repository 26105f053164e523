package io.github.maintenancemode.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Listens on a PostgreSQL channel, on a connection of its own held by a daemon thread,
 * and on every notification reads the state and hands it to the listeners. After each
 * connection, once it listens, it reads the state once too, so that a change notified
 * while it was not connected is not missed.
 * <p>
 * Any failure closes the connection; the thread then waits (from 100 ms, doubling up to 5
 * s) and connects again. A connection that goes quiet is checked every
 * {@link #VALIDATION_INTERVAL}, so that one lost without a word from the network (a
 * server gone away, a cut cable) is noticed too. On a database other than PostgreSQL, or
 * without the PostgreSQL driver, the thread ends after its first connection.
 */
final class PostgresStateListener {

	private static final Log logger = LogFactory.getLog(PostgresStateListener.class);

	/**
	 * How long one wait for notifications lasts; a stopped listener ends within it.
	 */
	private static final int WAIT_MILLIS = 250;

	/**
	 * How long the connection may stay quiet before it is checked.
	 */
	static final Duration VALIDATION_INTERVAL = Duration.ofSeconds(10);

	private static final int VALIDATION_TIMEOUT_SECONDS = 2;

	private final PostgresNotifications notifications;

	private final Supplier<Optional<MaintenanceState>> reader;

	private final List<Consumer<MaintenanceState>> listeners = new CopyOnWriteArrayList<>();

	private final ExponentialBackOff backOff = new ExponentialBackOff(100, 2);

	private @Nullable Thread thread;

	private boolean active = true;

	private boolean unsupported;

	private volatile boolean listening;

	PostgresStateListener(PostgresNotifications notifications, Supplier<Optional<MaintenanceState>> reader) {
		this.notifications = notifications;
		this.reader = reader;
		this.backOff.setMaxInterval(5000);
	}

	void add(Consumer<MaintenanceState> listener) {
		this.listeners.add(listener);
		startIfNeeded();
	}

	synchronized void start() {
		this.active = true;
		startIfNeeded();
	}

	/**
	 * Stop listening, and wait a little for the connection to be closed.
	 */
	void stop() {
		Thread stopped;
		synchronized (this) {
			this.active = false;
			stopped = this.thread;
			this.thread = null;
		}
		if (stopped != null) {
			stopped.interrupt();
			try {
				stopped.join(WAIT_MILLIS * 4L);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Return whether the listener is connected and listening on the channel.
	 * @return whether it listens
	 */
	boolean isListening() {
		return this.listening;
	}

	private synchronized void startIfNeeded() {
		if (!this.active || this.unsupported || this.listeners.isEmpty() || this.thread != null) {
			return;
		}
		Thread thread = new Thread(this::run, "maintenance-jdbc-listener");
		thread.setDaemon(true);
		this.thread = thread;
		thread.start();
	}

	private synchronized boolean isCurrent() {
		return this.thread == Thread.currentThread();
	}

	private void run() {
		BackOffExecution backOff = this.backOff.start();
		boolean failed = false;
		while (isCurrent()) {
			try (Connection connection = this.notifications.listenerConnections().getConnection()) {
				if (!isSupported(connection)) {
					end();
					return;
				}
				listen(connection);
				try {
					this.listening = true;
					if (failed) {
						logger.info("Listening on PostgreSQL channel '" + this.notifications.channel() + "' again");
						failed = false;
					}
					backOff = this.backOff.start();
					deliverStoredState();
					receive(connection);
				}
				finally {
					this.listening = false;
					unlisten(connection);
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (isCurrent() && !failed) {
					logger.warn("Not listening on PostgreSQL channel '" + this.notifications.channel() + "' ("
							+ ex.getMessage() + "); changes made elsewhere arrive by polling until it listens again");
					failed = true;
				}
				else if (isCurrent()) {
					logger.debug("Could not listen on PostgreSQL channel '" + this.notifications.channel() + "'", ex);
				}
			}
			pause(backOff.nextBackOff());
		}
	}

	private boolean isSupported(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		if (DatabaseDriver.fromProductName(product) != DatabaseDriver.POSTGRESQL) {
			logger.debug("The maintenance state table is not in PostgreSQL (" + product
					+ "): changes made elsewhere arrive by polling");
			return false;
		}
		if (!connection.isWrapperFor(PGConnection.class)) {
			logger.info("Listening for maintenance state changes needs the PostgreSQL JDBC driver (org.postgresql): "
					+ "changes made elsewhere arrive by polling");
			return false;
		}
		return true;
	}

	private synchronized void end() {
		this.unsupported = true;
		if (isCurrent()) {
			this.thread = null;
		}
	}

	private void listen(Connection connection) throws SQLException {
		// notifications reach a connection only between transactions
		connection.setAutoCommit(true);
		try (Statement statement = connection.createStatement()) {
			statement.execute("LISTEN " + this.notifications.quotedChannel());
		}
	}

	private void receive(Connection connection) throws SQLException {
		PGConnection postgres = connection.unwrap(PGConnection.class);
		long quietSince = System.nanoTime();
		while (isCurrent()) {
			PGNotification[] received = postgres.getNotifications(WAIT_MILLIS);
			if (received != null && received.length > 0) {
				quietSince = System.nanoTime();
				deliverStoredState();
			}
			else if (System.nanoTime() - quietSince >= VALIDATION_INTERVAL.toNanos()) {
				if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
					throw new SQLException("The listening connection no longer answers");
				}
				quietSince = System.nanoTime();
			}
		}
	}

	private void unlisten(Connection connection) {
		// a connection given back to a pool must not go on listening
		try (Statement statement = connection.createStatement()) {
			statement.execute("UNLISTEN *");
		}
		catch (SQLException | RuntimeException ex) {
			logger.trace("Could not stop listening on a connection about to be closed", ex);
		}
	}

	private void deliverStoredState() {
		Optional<MaintenanceState> state;
		try {
			state = this.reader.get();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the maintenance state after a notification: the next poll catches up", ex);
			return;
		}
		state.ifPresent((stored) -> {
			for (Consumer<MaintenanceState> listener : this.listeners) {
				try {
					listener.accept(stored);
				}
				catch (RuntimeException ex) {
					logger.warn("A maintenance state listener failed", ex);
				}
			}
		});
	}

	private void pause(long millis) {
		if (!isCurrent()) {
			return;
		}
		try {
			TimeUnit.MILLISECONDS.sleep((millis != BackOffExecution.STOP) ? millis : this.backOff.getMaxInterval());
		}
		catch (InterruptedException ex) {
			// stopped: the loop ends
		}
	}

}
