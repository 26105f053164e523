package io.github.maintenancemode.store.jdbc;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link JdbcMaintenanceStoreAutoConfiguration}, on an embedded H2 database
 * unless a test says otherwise.
 */
class JdbcMaintenanceStoreAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				JdbcMaintenanceStoreAutoConfiguration.class, MaintenanceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	@Test
	void storeIsCreatedWhenTypeIsJdbcAndThereIsADataSource() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc").run((context) -> {
			assertThat(context).hasSingleBean(MaintenanceStateStore.class)
				.hasSingleBean(JdbcMaintenanceStateStore.class)
				.hasSingleBean(JdbcMaintenanceSchemaInitializer.class);
			JdbcMaintenanceStateStore store = context.getBean(JdbcMaintenanceStateStore.class);
			assertThat(store.type()).isEqualTo("jdbc");
			assertThat(store.getTableName()).isEqualTo("maintenance_state");
			assertThat(store.pollInterval()).isEqualTo(Duration.ofSeconds(1));
		});
	}

	@Test
	void storeIsCreatedAfterItsTable() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc")
			.run((context) -> assertThat(
					context.getBeanFactory().getBeanDefinition("maintenanceStateStore").getDependsOn())
				.contains("jdbcMaintenanceSchemaInitializer"));
	}

	@Test
	void storeIsNotCreatedWithoutADataSource() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JdbcMaintenanceStoreAutoConfiguration.class))
			.withPropertyValues("maintenance.store.type=jdbc")
			.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceStateStore.class)
				.doesNotHaveBean(JdbcMaintenanceSchemaInitializer.class));
	}

	@Test
	void storeIsNotCreatedForAnotherStoreType() {
		this.runner.withPropertyValues("maintenance.store.type=memory")
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcMaintenanceStateStore.class)
				.doesNotHaveBean(JdbcMaintenanceSchemaInitializer.class)
				.hasSingleBean(InMemoryMaintenanceStateStore.class));
	}

	@Test
	void storeIsNotCreatedWhenNoStoreTypeIsSet() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(JdbcMaintenanceStateStore.class)
			.hasSingleBean(InMemoryMaintenanceStateStore.class));
	}

	@Test
	void storeDefinedByTheApplicationWins() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc")
			.withBean("customStore", MaintenanceStateStore.class, InMemoryMaintenanceStateStore::new)
			.run((context) -> assertThat(context).hasSingleBean(MaintenanceStateStore.class)
				.hasBean("customStore")
				.doesNotHaveBean(JdbcMaintenanceStateStore.class)
				.doesNotHaveBean(JdbcMaintenanceSchemaInitializer.class));
	}

	@Test
	void schemaIsCreatedInAnEmbeddedDatabase() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc").run((context) -> {
			assertThat(rowCount(context.getBean(DataSource.class), "maintenance_state")).isZero();
			JdbcMaintenanceStateStore store = context.getBean(JdbcMaintenanceStateStore.class);
			store.write(MaintenanceState.INITIAL, 0);
			assertThat(store.read()).contains(MaintenanceState.INITIAL.withVersion(1));
		});
	}

	@Test
	void tableNameIsHonoured() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc", "maintenance.store.jdbc.table-name=ops_switch")
			.run((context) -> {
				JdbcMaintenanceStateStore store = context.getBean(JdbcMaintenanceStateStore.class);
				assertThat(store.getTableName()).isEqualTo("ops_switch");
				store.write(MaintenanceState.INITIAL, 0);
				assertThat(rowCount(context.getBean(DataSource.class), "ops_switch")).isOne();
			});
	}

	@Test
	void pollIntervalIsHonoured() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc", "maintenance.store.jdbc.poll-interval=250ms")
			.run((context) -> assertThat(context.getBean(JdbcMaintenanceStateStore.class).pollInterval())
				.isEqualTo(Duration.ofMillis(250)));
	}

	@Test
	void schemaIsNotCreatedWhenInitializationIsOff() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc", "maintenance.store.jdbc.initialize-schema=never")
			.run((context) -> {
				JdbcMaintenanceStateStore store = context.getBean(JdbcMaintenanceStateStore.class);
				assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(store::read)
					.withMessageContaining("does the table exist?");
				assertThat(new MaintenanceStoreSync(context.getBean(MaintenanceMode.class)).storeError())
					.contains("maintenance_state");
			});
	}

	@Test
	void pollIntervalUnderOneMillisecondFailsWithAMessageNamingTheProperty() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc", "maintenance.store.jdbc.poll-interval=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("maintenance.store.jdbc.poll-interval")
				.hasMessageContaining("at least one millisecond"));
	}

	@Test
	void invalidTableNameFailsWithAMessageNamingTheProperty() {
		this.runner
			.withPropertyValues("maintenance.store.type=jdbc",
					"maintenance.store.jdbc.table-name=state; DROP TABLE users")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("maintenance.store.jdbc.table-name")
				.hasMessageContaining("state; DROP TABLE users")
				.hasMessageContaining("letters, digits and underscores"));
	}

	@Test
	void maintenanceModeSharesItsStateThroughTheTable() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc").run((context) -> {
			MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
			assertThat(maintenanceMode.storeType()).isEqualTo("jdbc");
			maintenanceMode.enable("Database upgrade");
			assertThat(context.getBean(JdbcMaintenanceStateStore.class).read()).map(MaintenanceState::reason)
				.contains("Database upgrade");
		});
	}

	@Test
	void schemaIsNotCreatedInAServerDatabaseUnlessAsked() {
		TestDatabase database = TestDatabase.POSTGRESQL;
		String tableName = TestDatabase.uniqueTableName();
		ApplicationContextRunner postgres = this.runner.withPropertyValues("maintenance.store.type=jdbc",
				"maintenance.store.jdbc.table-name=" + tableName, "spring.datasource.url=" + database.url(),
				"spring.datasource.username=" + database.username(),
				"spring.datasource.password=" + database.password());
		try {
			postgres.run((context) -> assertThat(
					new MaintenanceStoreSync(context.getBean(MaintenanceMode.class)).storeError())
				.contains("does the table exist?"));
			postgres.withPropertyValues("maintenance.store.jdbc.initialize-schema=always")
				.run((context) -> assertThat(rowCount(context.getBean(DataSource.class), tableName)).isZero());
		}
		finally {
			database.dropTable(tableName);
		}
	}

	@Test
	void changeMadeInsideAnApplicationTransactionIsStoredAtOnceAndOutlivesItsRollback() {
		TestDatabase database = TestDatabase.POSTGRESQL;
		String tableName = TestDatabase.uniqueTableName();
		try {
			this.runner
				.withPropertyValues("maintenance.store.type=jdbc", "maintenance.store.jdbc.table-name=" + tableName,
						"maintenance.store.jdbc.initialize-schema=always", "spring.datasource.url=" + database.url(),
						"spring.datasource.username=" + database.username(),
						"spring.datasource.password=" + database.password())
				.run((context) -> {
					MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
					DataSource dataSource = context.getBean(DataSource.class);
					TransactionTemplate application = new TransactionTemplate(
							new DataSourceTransactionManager(dataSource));
					application.executeWithoutResult((status) -> {
						new JdbcTemplate(dataSource).execute("SELECT 1");
						maintenanceMode.enable("Migration");
						// seen by every other connection before the application's
						// transaction ends
						assertThat(reasonSeenElsewhere(database, tableName)).isEqualTo("Migration");
						status.setRollbackOnly();
					});
					assertThat(reasonSeenElsewhere(database, tableName)).isEqualTo("Migration");
					new MaintenanceStoreSync(maintenanceMode).refresh();
					assertThat(maintenanceMode.status().reason()).isEqualTo("Migration");
				});
		}
		finally {
			database.dropTable(tableName);
		}
	}

	private static String reasonSeenElsewhere(TestDatabase database, String tableName) {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			return executor.submit(() -> new JdbcTemplate(database.dataSource())
				.queryForObject("SELECT reason FROM " + tableName, String.class)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The row could not be read from another connection", ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void applicationStartsWhileTheDatabaseIsDown() {
		TestDatabase database = TestDatabase.POSTGRESQL;
		this.runner
			.withPropertyValues("maintenance.store.type=jdbc", "maintenance.enabled=true",
					"maintenance.reason=Started during the outage",
					"spring.datasource.url=" + database.url(TestDatabase.unusedPort()),
					"spring.datasource.username=" + database.username(),
					"spring.datasource.password=" + database.password())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
				assertThat(maintenanceMode.status().reason()).isEqualTo("Started during the outage");
				assertThat(new MaintenanceStoreSync(maintenanceMode).storeError()).isNotNull();
			});
	}

	@Test
	void storeOnPostgreSqlListensOnAConnectionOfItsOwnUntilTheContextCloses() {
		TestDatabase database = TestDatabase.POSTGRESQL;
		String tableName = TestDatabase.uniqueTableName();
		try {
			AtomicReference<JdbcMaintenanceStateStore> started = new AtomicReference<>();
			postgres(database, tableName).run((context) -> {
				JdbcMaintenanceStateStore store = context.getBean(JdbcMaintenanceStateStore.class);
				started.set(store);
				PostgresNotifications notifications = store.getNotifications();
				assertThat(notifications).isNotNull();
				assertThat(notifications.channel()).isEqualTo(tableName);
				assertThat(notifications.listenerConnections()).isNotSameAs(context.getBean(DataSource.class))
					.isInstanceOf(SimpleDriverDataSource.class);
				await().atMost(Duration.ofSeconds(10)).until(store::isListening);
				assertThat(listenerConnections(database, tableName)).isOne();
			});
			assertThat(started.get().isListening()).isFalse();
			await().atMost(Duration.ofSeconds(5)).until(() -> listenerConnections(database, tableName) == 0);
		}
		finally {
			database.dropTable(tableName);
		}
	}

	@Test
	void notificationChannelIsHonoured() {
		TestDatabase database = TestDatabase.POSTGRESQL;
		String tableName = TestDatabase.uniqueTableName();
		try {
			postgres(database, tableName).withPropertyValues("maintenance.store.jdbc.notification-channel=ops.Changes")
				.run((context) -> assertThat(context.getBean(JdbcMaintenanceStateStore.class).getNotifications())
					.extracting(PostgresNotifications::channel)
					.isEqualTo("ops.Changes"));
		}
		finally {
			database.dropTable(tableName);
		}
	}

	@Test
	void notificationsAreOffWhenAsked() {
		TestDatabase database = TestDatabase.POSTGRESQL;
		String tableName = TestDatabase.uniqueTableName();
		try {
			postgres(database, tableName).withPropertyValues("maintenance.store.jdbc.notifications=off")
				.run((context) -> {
					JdbcMaintenanceStateStore store = context.getBean(JdbcMaintenanceStateStore.class);
					assertThat(store.getNotifications()).isNull();
					assertThat(store.isListening()).isFalse();
				});
		}
		finally {
			database.dropTable(tableName);
		}
	}

	@Test
	void notificationsAreOffOnAnotherDatabase() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc")
			.run((context) -> assertThat(context.getBean(JdbcMaintenanceStateStore.class).getNotifications()).isNull());
	}

	@Test
	void invalidNotificationChannelFailsWithAMessageNamingTheProperty() {
		this.runner
			.withPropertyValues("maintenance.store.type=jdbc",
					"maintenance.store.jdbc.notification-channel=changes; DROP TABLE users")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("maintenance.store.jdbc.notification-channel")
				.hasMessageContaining("changes; DROP TABLE users"));
	}

	private ApplicationContextRunner postgres(TestDatabase database, String tableName) {
		return this.runner.withPropertyValues("maintenance.store.type=jdbc",
				"maintenance.store.jdbc.table-name=" + tableName, "maintenance.store.jdbc.initialize-schema=always",
				"spring.datasource.url=" + database.url(), "spring.datasource.username=" + database.username(),
				"spring.datasource.password=" + database.password());
	}

	private static int listenerConnections(TestDatabase database, String tableName) {
		Integer count = new JdbcTemplate(database.dataSource()).queryForObject(
				"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?", Integer.class,
				"maintenance listener " + tableName);
		return (count != null) ? count : -1;
	}

	private static int rowCount(DataSource dataSource, String tableName) {
		Integer count = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM " + tableName, Integer.class);
		return (count != null) ? count : -1;
	}

}
