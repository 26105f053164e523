package io.github.maintenancemode.store.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three application instances on one PostgreSQL table: two push changes with
 * LISTEN/NOTIFY and poll only every {@link #SAFETY_NET_POLL_INTERVAL} (so a change that
 * reaches them within seconds came by notification), the third relies on polling at the
 * default interval. Changes reach the listening instance at once, also after its
 * listening connection was killed: it catches up and listens again.
 */
@TestInstance(Lifecycle.PER_CLASS)
class JdbcMaintenanceStoreNotificationTests {

	private static final Duration SAFETY_NET_POLL_INTERVAL = Duration.ofSeconds(30);

	private static final Duration POLL_INTERVAL = JdbcMaintenanceStateStore.DEFAULT_POLL_INTERVAL;

	/**
	 * How long a notified change may take: far below the safety net's poll interval.
	 */
	private static final Duration NOTIFIED_WITHIN = Duration.ofSeconds(5);

	private static final int TOGGLES = 50;

	private static final Duration CHECK_EVERY = Duration.ofMillis(1);

	private final TestDatabase database = TestDatabase.POSTGRESQL;

	private final String tableName = TestDatabase.uniqueTableName();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());

	private MaintenanceMode writer;

	private MaintenanceMode listening;

	private JdbcMaintenanceStateStore listeningStore;

	private MaintenanceMode polling;

	private int writerListener;

	@BeforeAll
	void startThreeInstances() {
		this.writer = start(SAFETY_NET_POLL_INTERVAL, "auto").getBean(MaintenanceMode.class);
		await().atMost(NOTIFIED_WITHIN).until(() -> listenerProcessIds().size() == 1);
		this.writerListener = listenerProcessIds().get(0);
		ConfigurableApplicationContext listening = start(SAFETY_NET_POLL_INTERVAL, "auto");
		this.listening = listening.getBean(MaintenanceMode.class);
		this.listeningStore = listening.getBean(JdbcMaintenanceStateStore.class);
		this.polling = start(POLL_INTERVAL, "off").getBean(MaintenanceMode.class);
	}

	@AfterAll
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.database.dropTable(this.tableName);
	}

	@BeforeEach
	void listenerIsConnected() {
		await().atMost(NOTIFIED_WITHIN).until(this.listeningStore::isListening);
	}

	@Test
	void changesReachTheListeningInstanceFasterThanPolling() {
		List<Long> notified = new ArrayList<>();
		List<Long> polled = new ArrayList<>();
		for (int toggle = 1; toggle <= TOGGLES; toggle++) {
			pauseForAPartOfThePollInterval();
			long start = System.nanoTime();
			MaintenanceState written = toggle(toggle);
			long deadline = start + NOTIFIED_WITHIN.plus(POLL_INTERVAL).toNanos();
			long notifiedAfter = -1;
			long polledAfter = -1;
			while ((notifiedAfter < 0 || polledAfter < 0) && System.nanoTime() < deadline) {
				long elapsed = System.nanoTime() - start;
				if (notifiedAfter < 0 && sees(this.listening, written)) {
					notifiedAfter = elapsed;
				}
				if (polledAfter < 0 && sees(this.polling, written)) {
					polledAfter = elapsed;
				}
				LockSupport.parkNanos(CHECK_EVERY.toNanos());
			}
			assertThat(notifiedAfter).as("toggle %d reached the listening instance", toggle).isNotNegative();
			assertThat(Duration.ofNanos(notifiedAfter)).isLessThan(NOTIFIED_WITHIN);
			assertThat(polledAfter).as("toggle %d reached the polling instance", toggle).isNotNegative();
			notified.add(Duration.ofNanos(notifiedAfter).toMillis());
			polled.add(Duration.ofNanos(polledAfter).toMillis());
		}
		System.out.printf(
				"Propagation on PostgreSQL, %d toggles: LISTEN/NOTIFY median %d ms, max %d ms; "
						+ "polling every %d ms median %d ms, max %d ms%n",
				TOGGLES, median(notified), Collections.max(notified), POLL_INTERVAL.toMillis(), median(polled),
				Collections.max(polled));
	}

	@Test
	void instanceWhoseListeningConnectionIsKilledCatchesUpAndListensAgain() {
		int killed = listenerProcessId();
		assertThat(this.jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, killed)).isTrue();
		// made while the listener is not connected: its notification is lost
		MaintenanceState missed = toggle(0);
		await().atMost(NOTIFIED_WITHIN).until(() -> sees(this.listening, missed));
		await().atMost(NOTIFIED_WITHIN)
			.until(() -> this.listeningStore.isListening() && listenerProcessIdOrZero() != killed
					&& listenerProcessIdOrZero() != 0);
		MaintenanceState notified = toggle(1);
		await().atMost(NOTIFIED_WITHIN).until(() -> sees(this.listening, notified));
	}

	private MaintenanceState toggle(int toggle) {
		return this.writer.isActive() ? this.writer.disable("writer")
				: this.writer.enable(MaintenanceState.Mode.FULL, "toggle " + toggle, null, "writer");
	}

	private static boolean sees(MaintenanceMode instance, MaintenanceState written) {
		return instance.status().version() >= written.version();
	}

	private int listenerProcessId() {
		await().atMost(NOTIFIED_WITHIN).until(() -> listenerProcessIdOrZero() != 0);
		return listenerProcessIdOrZero();
	}

	/**
	 * The server process of the listening instance's connection, or 0 while it has none.
	 */
	private int listenerProcessIdOrZero() {
		List<Integer> others = listenerProcessIds().stream()
			.filter((processId) -> processId != this.writerListener)
			.toList();
		return (others.size() == 1) ? others.get(0) : 0;
	}

	/**
	 * The server processes of this test's listening connections, found by the application
	 * name the store gives them (which names the channel, this test's table).
	 */
	private List<Integer> listenerProcessIds() {
		return this.jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE application_name = ?", Integer.class,
				"maintenance listener " + this.tableName);
	}

	private ConfigurableApplicationContext start(Duration pollInterval, String notifications) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(NotificationApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off", "--spring.datasource.url=" + this.database.url(),
					"--spring.datasource.username=" + this.database.username(),
					"--spring.datasource.password=" + this.database.password(),
					"--spring.datasource.hikari.maximum-pool-size=2", "--maintenance.store.type=jdbc",
					"--maintenance.store.jdbc.initialize-schema=always",
					"--maintenance.store.jdbc.table-name=" + this.tableName,
					"--maintenance.store.jdbc.poll-interval=" + pollInterval.toMillis() + "ms",
					"--maintenance.store.jdbc.notifications=" + notifications);
		this.instances.add(context);
		return context;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 0) ? (sorted.get(middle - 1) + sorted.get(middle)) / 2 : sorted.get(middle);
	}

	/**
	 * Wait for a random part of the poll interval, so that changes land at random points
	 * of the polling instance's cycle.
	 */
	private static void pauseForAPartOfThePollInterval() {
		Duration pause = Duration.ofMillis(ThreadLocalRandom.current().nextLong(POLL_INTERVAL.toMillis()));
		await().pollDelay(pause).until(() -> true);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class NotificationApplication {

	}

}
