package io.github.maintenancemode.store.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateConflictException;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.test.AbstractSharedMaintenanceStateStoreTests;
import io.github.maintenancemode.test.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The store contract, and what is particular to the JDBC store, on every supported
 * database. Each test works on a table of its own.
 */
class JdbcMaintenanceStateStoreTests {

	@Test
	void tableNameMustBeAnIdentifier() {
		assertThat(JdbcMaintenanceStateStore.isValidTableName("maintenance_state")).isTrue();
		assertThat(JdbcMaintenanceStateStore.isValidTableName("ops.Maintenance_State_2")).isTrue();
		assertThat(JdbcMaintenanceStateStore.isValidTableName("state; DROP TABLE users")).isFalse();
		assertThat(JdbcMaintenanceStateStore.isValidTableName("\"quoted\"")).isFalse();
		assertThat(JdbcMaintenanceStateStore.isValidTableName("2fast")).isFalse();
		assertThat(JdbcMaintenanceStateStore.isValidTableName("")).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcMaintenanceStateStore(new JdbcTemplate(), "a-b", Duration.ofSeconds(1)))
			.withMessageContaining("'a-b'");
	}

	@Test
	void storeIsPolledAtTheGivenInterval() {
		JdbcMaintenanceStateStore store = new JdbcMaintenanceStateStore(new JdbcTemplate());
		assertThat(store.type()).isEqualTo("jdbc");
		assertThat(store.pollInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(store.getTableName()).isEqualTo("maintenance_state");
	}

	abstract static class StoreContract extends AbstractSharedMaintenanceStateStoreTests {

		private final TestDatabase database;

		private final String tableName = TestDatabase.uniqueTableName();

		private final List<JdbcMaintenanceStateStore> stores = new ArrayList<>();

		StoreContract(TestDatabase database) {
			this.database = database;
		}

		@Override
		protected void clearStoredState() {
			this.database.recreateTable(this.tableName);
		}

		@AfterEach
		void dropTable() {
			this.stores.forEach(JdbcMaintenanceStateStore::stop);
			this.database.dropTable(this.tableName);
		}

		@Override
		protected MaintenanceStateStore createStore() {
			// as the auto-configuration builds it: each statement in a transaction of
			// its own, and on PostgreSQL notifying of changes on a connection of its own
			DataSource dataSource = this.database.dataSource();
			PostgresNotifications notifications = (this.database == TestDatabase.POSTGRESQL)
					? new PostgresNotifications(this.database.dataSourceOnPort(this.database.port()), this.tableName)
					: null;
			JdbcMaintenanceStateStore store = new JdbcMaintenanceStateStore(new JdbcTemplate(dataSource),
					new DataSourceTransactionManager(dataSource), this.tableName, Duration.ofMillis(200),
					notifications);
			this.stores.add(store);
			return store;
		}

		@Override
		protected InterruptibleEngine createInterruptibleStore() throws IOException {
			Engine engine = (this.database == TestDatabase.H2) ? new SwitchedDataSource(this.database.dataSource())
					: new ProxiedServer(this.database);
			JdbcMaintenanceStateStore store = new JdbcMaintenanceStateStore(new JdbcTemplate(engine.dataSource()),
					new DataSourceTransactionManager(engine.dataSource()), this.tableName, Duration.ofMillis(200));
			return new InterruptibleEngine() {

				@Override
				public MaintenanceStateStore store() {
					return store;
				}

				@Override
				public void cut() throws IOException {
					engine.cut();
				}

				@Override
				public void restore() throws IOException {
					engine.restore();
				}

				@Override
				public void close() throws IOException {
					engine.close();
				}

			};
		}

		@Override
		protected MaintenanceStateStore createUnreachableStore() {
			return new JdbcMaintenanceStateStore(new JdbcTemplate(this.database.unreachableDataSource()),
					this.tableName, Duration.ofMillis(200));
		}

		@Test
		void timestampsAreKeptToTheMillisecondAndWriteReturnsWhatIsRead() {
			MaintenanceStateStore store = createStore();
			Instant since = Instant.parse("2026-12-01T01:00:00.123456789Z");
			MaintenanceState written = store.write(
					new MaintenanceState(true, MaintenanceState.Mode.FULL, "upgrade", since, null, null, "operator", 0),
					0);
			assertThat(written.since()).isEqualTo(Instant.parse("2026-12-01T01:00:00.123Z"));
			assertThat(store.read()).contains(written);
		}

		@Test
		void creatingTheSchemaAgainKeepsTheStoredState() {
			MaintenanceStateStore store = createStore();
			store.write(sample("kept"), 0);
			new JdbcMaintenanceSchemaInitializer(this.database.dataSource(), this.tableName,
					DatabaseInitializationMode.ALWAYS)
				.initializeSchema();
			assertThat(store.read()).map(MaintenanceState::reason).contains("kept");
		}

		@Test
		void missingTableIsReportedAsUnavailableWithAHint() {
			this.database.dropTable(this.tableName);
			MaintenanceStateStore store = createStore();
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(store::read)
				.withMessageContaining("'jdbc'")
				.withMessageContaining(this.tableName)
				.withMessageContaining("does the table exist?");
		}

		@ParameterizedTest
		@ValueSource(booleans = { false, true })
		void failedRollbackReportsTheStatementsFailure(boolean translatingManager) {
			this.database.dropTable(this.tableName);
			MaintenanceStateStore store = storeWithFailingRollbacks(translatingManager);
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(store::read)
				.withMessageContaining(this.tableName)
				.withMessageContaining("does the table exist?")
				.withMessageNotContaining("rollback failed")
				.havingCause()
				.isInstanceOf(BadSqlGrammarException.class)
				.satisfies((statementFailure) -> assertThat(statementFailure.getSuppressed()).singleElement()
					.extracting(Throwable::getMessage)
					.isEqualTo("rollback failed"));
		}

		@Test
		void duplicateInsertIsAConflictEvenWhenItsRollbackFails() {
			createStore().write(MaintenanceState.off("first", 0), 0);
			MaintenanceStateStore second = storeWithFailingRollbacks(false);
			assertThatExceptionOfType(MaintenanceStateConflictException.class)
				.isThrownBy(() -> second.write(MaintenanceState.off("second", 0), 0));
		}

		/**
		 * A store whose transaction manager fails every rollback, as on a broken
		 * connection: with a {@link TransactionSystemException}, or translated into a
		 * {@code DataAccessException} as {@link JdbcTransactionManager} does.
		 */
		private MaintenanceStateStore storeWithFailingRollbacks(boolean translatingManager) {
			DataSource dataSource = this.database.dataSource();
			PlatformTransactionManager manager = translatingManager ? new JdbcTransactionManager(dataSource) {

				@Override
				protected void doRollback(DefaultTransactionStatus status) {
					throw new DataAccessResourceFailureException("rollback failed");
				}

			} : new DataSourceTransactionManager(dataSource) {

				@Override
				protected void doRollback(DefaultTransactionStatus status) {
					throw new TransactionSystemException("rollback failed");
				}

			};
			return new JdbcMaintenanceStateStore(new JdbcTemplate(dataSource), manager, this.tableName,
					Duration.ofMillis(200));
		}

		@Test
		void unreachableDatabaseIsNamedInTheMessage() {
			MaintenanceStateStore store = createUnreachableStore();
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(store::read)
				.withMessageStartingWith("Maintenance state store 'jdbc' could not read table '" + this.tableName);
		}

	}

	@Nested
	@DisplayName("H2")
	class H2 extends StoreContract {

		H2() {
			super(TestDatabase.H2);
		}

	}

	@Nested
	@DisplayName("PostgreSQL")
	class PostgreSql extends StoreContract {

		PostgreSql() {
			super(TestDatabase.POSTGRESQL);
		}

	}

	@Nested
	@DisplayName("MariaDB")
	class MariaDb extends StoreContract {

		MariaDb() {
			super(TestDatabase.MARIADB);
		}

	}

	/**
	 * The way from a store to its database, which a test can cut and restore.
	 */
	private interface Engine {

		DataSource dataSource();

		void cut() throws IOException;

		void restore() throws IOException;

		void close() throws IOException;

	}

	/**
	 * A database server reached through a TCP proxy: cutting it drops every connection.
	 */
	private static final class ProxiedServer implements Engine {

		private final TcpProxy proxy;

		private final DataSource dataSource;

		ProxiedServer(TestDatabase database) throws IOException {
			this.proxy = new TcpProxy(database.port());
			this.dataSource = database.dataSourceOnPort(this.proxy.port());
		}

		@Override
		public DataSource dataSource() {
			return this.dataSource;
		}

		@Override
		public void cut() throws IOException {
			this.proxy.cut();
		}

		@Override
		public void restore() throws IOException {
			this.proxy.restore();
		}

		@Override
		public void close() throws IOException {
			this.proxy.close();
		}

	}

	/**
	 * The embedded H2, which has no network: while cut, no connection can be had.
	 */
	private static final class SwitchedDataSource implements Engine {

		private final DataSource dataSource;

		private volatile boolean cut;

		SwitchedDataSource(DataSource target) {
			this.dataSource = new DelegatingDataSource(target) {

				@Override
				public Connection getConnection() throws SQLException {
					if (SwitchedDataSource.this.cut) {
						throw new SQLException("Connection refused (the test cut the database off)");
					}
					return super.getConnection();
				}

			};
		}

		@Override
		public DataSource dataSource() {
			return this.dataSource;
		}

		@Override
		public void cut() {
			this.cut = true;
		}

		@Override
		public void restore() {
			this.cut = false;
		}

		@Override
		public void close() {
		}

	}

}
