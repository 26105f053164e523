package io.github.maintenancemode.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.actuate.MaintenanceEndpoint;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @JmsListener} containers pause while maintenance is on, against an ActiveMQ
 * Artemis broker started in the test JVM and reached through its in-VM acceptor, as the
 * applications' Spring Boot configuration reaches any broker by URL; the state is shared
 * in a file store, and each test uses queues of its own.
 */
class JmsListenerMaintenanceTests {

	private static final String BROKER_URL = "vm://0";

	private static EmbeddedActiveMQ broker;

	@TempDir
	Path directory;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final String ordersQueue = "maintenance-test-orders-" + UUID.randomUUID();

	private final String auditQueue = "maintenance-test-audit-" + UUID.randomUUID();

	private CachingConnectionFactory connectionFactory;

	private JmsTemplate template;

	@BeforeAll
	static void startBroker() throws Exception {
		broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false)
			.setSecurityEnabled(false)
			.addAcceptorConfiguration("in-vm", BROKER_URL));
		broker.start();
	}

	@AfterAll
	static void stopBroker() throws Exception {
		broker.stop();
	}

	@BeforeEach
	void connect() {
		this.connectionFactory = new CachingConnectionFactory(new ActiveMQConnectionFactory(BROKER_URL));
		this.template = new JmsTemplate(this.connectionFactory);
	}

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.connectionFactory.destroy();
	}

	@Test
	void everyMessagePublishedWhileMaintenanceToggles20TimesIsProcessedOnceAndNoneDuringMaintenance() throws Exception {
		ConfigurableApplicationContext context = start();
		ListenerMaintenanceChecks.toggle20Times("JMS", context, context.getBean(JmsApplication.Orders.class),
				(id) -> this.template.convertAndSend(this.ordersQueue, Integer.toString(id)),
				(publishedSinceSettled) -> queue(this.ordersQueue).getMessageCount() >= 50);
	}

	@Test
	void anInstanceThatStartsDuringMaintenanceTakesNoMessageUntilItEnds() throws IOException {
		Path file = this.directory.resolve("MAINTENANCE");
		Files.writeString(file, "Database migration", StandardCharsets.UTF_8);
		for (int i = 0; i < 30; i++) {
			this.template.convertAndSend(this.ordersQueue, "queued-" + i);
		}
		ConfigurableApplicationContext context = start();
		JmsApplication.Orders orders = context.getBean(JmsApplication.Orders.class);
		assertThat(context.getBean(MaintenanceEndpoint.class).status().pausedConsumers()).containsExactly("orders");
		await().atMost(Duration.ofSeconds(10)).until(() -> consumersOf(this.auditQueue) == 1);
		// no consumer on the queue: the broker can deliver nothing
		assertThat(consumersOf(this.ordersQueue)).isZero();
		assertThat(queue(this.ordersQueue).getMessageCount()).isEqualTo(30L);
		assertThat(orders.processed).isEmpty();
		// nor after a lifecycle restart, which starts every container
		ListenerMaintenanceChecks.restart(context);
		await().atMost(Duration.ofSeconds(10)).until(() -> consumersOf(this.ordersQueue) == 0);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(orders.processed::isEmpty);
		Files.delete(file);
		await().atMost(Duration.ofSeconds(10)).until(() -> orders.processed.size() == 30);
		// no container started before the state was read: none had taken a message
		assertThat(orders.redelivered).isEmpty();
		assertThat(context.getBean(MaintenanceActivity.class).pausedConsumers()).isEmpty();
	}

	@Test
	void noMessageIsTakenDuringMaintenanceAfterTheApplicationsLifecycleRestarts() {
		ConfigurableApplicationContext context = start();
		ListenerMaintenanceChecks.staysPausedThroughLifecycleRestarts(context,
				context.getBean(JmsApplication.Orders.class),
				(id) -> this.template.convertAndSend(this.ordersQueue, "restart-" + id),
				(publishedSinceSettled) -> queue(this.ordersQueue).getMessageCount() >= publishedSinceSettled);
	}

	@Test
	void noMessageIsTakenWhenMaintenanceBeganWhileTheApplicationWasStopped() {
		ConfigurableApplicationContext context = start();
		ListenerMaintenanceChecks.staysPausedWhenMaintenanceBeginsWhileStopped(context,
				context.getBean(JmsApplication.Orders.class),
				(id) -> this.template.convertAndSend(this.ordersQueue, "stopped-" + id),
				(publishedSinceSettled) -> queue(this.ordersQueue).getMessageCount() >= publishedSinceSettled);
	}

	@Test
	void aFleetPausesAndResumesTogetherWhileAListenerMarkedRunInMaintenanceKeepsConsuming() {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		JmsApplication.Orders firstOrders = first.getBean(JmsApplication.Orders.class);
		JmsApplication.Orders secondOrders = second.getBean(JmsApplication.Orders.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> consumersOf(this.ordersQueue) == 2);
		ListenerMaintenanceChecks.pauseTogether(first, second);
		await().atMost(Duration.ofSeconds(10)).until(() -> consumersOf(this.ordersQueue) == 0);
		for (int i = 0; i < 20; i++) {
			this.template.convertAndSend(this.ordersQueue, "fleet-" + i);
		}
		this.template.convertAndSend(this.auditQueue, "audit");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> first.getBean(JmsApplication.Audit.class).received.get()
					+ second.getBean(JmsApplication.Audit.class).received.get() == 1);
		assertThat(consumersOf(this.ordersQueue)).isZero();
		assertThat(firstOrders.processed).isEmpty();
		assertThat(secondOrders.processed).isEmpty();
		assertThat(queue(this.ordersQueue).getMessageCount()).isEqualTo(20L);
		ListenerMaintenanceChecks.resumeTogether(first, second, 20);
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(JmsApplication.class)
			.web(WebApplicationType.NONE)
			.properties("test.orders-queue=" + this.ordersQueue, "test.audit-queue=" + this.auditQueue,
					"spring.artemis.mode=native", "spring.artemis.broker-url=" + BROKER_URL,
					"maintenance.store.type=file",
					"maintenance.store.file.path=" + this.directory.resolve("MAINTENANCE"),
					"maintenance.store.file.poll-interval=200ms",
					"management.endpoints.web.exposure.include=maintenance,health",
					"spring.autoconfigure.exclude=" + LoginKindsTests.NO_DATABASE)
			.run();
		this.contexts.add(context);
		return context;
	}

	private static Queue queue(String name) {
		Queue queue = broker.getActiveMQServer().locateQueue(name);
		assertThat(queue).as("queue %s", name).isNotNull();
		return queue;
	}

	private static int consumersOf(String name) {
		Queue queue = broker.getActiveMQServer().locateQueue(name);
		return (queue != null) ? queue.getConsumerCount() : 0;
	}

}
