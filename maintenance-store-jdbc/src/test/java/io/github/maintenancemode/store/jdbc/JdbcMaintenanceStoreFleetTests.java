package io.github.maintenancemode.store.jdbc;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.test.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances on one table, the second reaching the database through a
 * {@link TcpProxy}: changes made on one instance reach the other, and an instance cut off
 * the database keeps serving its last state, refuses writes, and catches up once the
 * database is back.
 */
class JdbcMaintenanceStoreFleetTests {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private static final int TOGGLES = 50;

	@TestInstance(Lifecycle.PER_CLASS)
	abstract static class Fleet {

		private final TestDatabase database;

		private final String tableName = TestDatabase.uniqueTableName();

		private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

		private TcpProxy proxy;

		private MaintenanceMode first;

		private MaintenanceMode second;

		Fleet(TestDatabase database) {
			this.database = database;
		}

		@BeforeAll
		void startTwoInstances() throws IOException {
			this.proxy = new TcpProxy(this.database.port());
			this.first = start(this.database.url());
			this.second = start(this.database.url(this.proxy.port()));
		}

		@AfterAll
		void stopInstances() throws IOException {
			this.instances.forEach(ConfigurableApplicationContext::close);
			if (this.proxy != null) {
				this.proxy.close();
			}
			this.database.dropTable(this.tableName);
		}

		@BeforeEach
		void bothInstancesSeeMaintenanceOff() throws IOException {
			this.proxy.restore();
			MaintenanceState off = this.first.disable("first");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.second.status().equals(off));
		}

		@Test
		void changesMadeOnOneInstanceReachTheOther() {
			List<Long> delays = new ArrayList<>();
			for (int toggle = 1; toggle <= TOGGLES; toggle++) {
				pauseForAPartOfThePollInterval();
				long start = System.nanoTime();
				MaintenanceState written = this.first.isActive() ? this.first.disable("first")
						: this.first.enable(MaintenanceState.Mode.FULL, "toggle " + toggle, null, "first");
				await().atMost(Duration.ofSeconds(5))
					.pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(1))
					.until(() -> this.second.isActive() == written.enabled()
							&& this.second.status().version() == written.version());
				delays.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
			}
			assertThat(this.second.status()).isEqualTo(this.first.status());
			Collections.sort(delays);
			long median = (delays.get(TOGGLES / 2 - 1) + delays.get(TOGGLES / 2)) / 2;
			long max = delays.get(TOGGLES - 1);
			System.out.printf("Propagation on %s: %d toggles, poll interval %d ms: median %d ms, max %d ms%n",
					this.database.displayName(), TOGGLES, POLL_INTERVAL.toMillis(), median, max);
			assertThat(max).isLessThan(POLL_INTERVAL.toMillis() + 1000);
		}

		@Test
		void instanceCutOffTheDatabaseKeepsItsLastStateAndCatchesUp() throws IOException {
			MaintenanceState before = this.second.status();
			this.proxy.cut();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> new MaintenanceStoreSync(this.second).storeError() != null);

			long start = System.nanoTime();
			MaintenanceState during = this.second.status();
			boolean active = this.second.isActive();
			// far below the connection's timeout: the state is read from memory
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
			assertThat(during).isEqualTo(before);
			assertThat(active).isFalse();

			long writeStart = System.nanoTime();
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class)
				.isThrownBy(() -> this.second.enable(MaintenanceState.Mode.FULL, "lost", null, "second"))
				.withMessageContaining("'jdbc'");
			assertThat(Duration.ofNanos(System.nanoTime() - writeStart)).isLessThan(Duration.ofSeconds(3));
			assertThat(this.second.status()).isEqualTo(before);

			MaintenanceState changed = this.first.enable(MaintenanceState.Mode.READ_ONLY, "changed during the outage",
					null, "first");
			assertThat(changed.version()).as("the refused write changed nothing").isEqualTo(before.version() + 1);
			assertThat(this.second.status()).isEqualTo(before);

			this.proxy.restore();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(this.second.status()).isEqualTo(changed);
				assertThat(new MaintenanceStoreSync(this.second).storeError()).isNull();
			});
		}

		private MaintenanceMode start(String url) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(FleetApplication.class)
				.web(WebApplicationType.NONE)
				.run("--spring.main.banner-mode=off", "--spring.datasource.url=" + url,
						"--spring.datasource.username=" + this.database.username(),
						"--spring.datasource.password=" + this.database.password(),
						"--spring.datasource.hikari.maximum-pool-size=2",
						"--spring.datasource.hikari.connection-timeout=500",
						"--spring.datasource.hikari.validation-timeout=250", "--maintenance.store.type=jdbc",
						"--maintenance.store.jdbc.initialize-schema=always",
						"--maintenance.store.jdbc.table-name=" + this.tableName,
						"--maintenance.store.jdbc.poll-interval=" + POLL_INTERVAL.toMillis() + "ms");
			this.instances.add(context);
			return context.getBean(MaintenanceMode.class);
		}

		/**
		 * Wait for a random part of the poll interval, so that changes land at random
		 * points of the other instance's polling cycle.
		 */
		private static void pauseForAPartOfThePollInterval() {
			Duration pause = Duration.ofMillis(ThreadLocalRandom.current().nextLong(POLL_INTERVAL.toMillis()));
			await().pollDelay(pause).until(() -> true);
		}

	}

	@Nested
	@DisplayName("PostgreSQL")
	class PostgreSql extends Fleet {

		PostgreSql() {
			super(TestDatabase.POSTGRESQL);
		}

	}

	@Nested
	@DisplayName("MariaDB")
	class MariaDb extends Fleet {

		MariaDb() {
			super(TestDatabase.MARIADB);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FleetApplication {

	}

}
