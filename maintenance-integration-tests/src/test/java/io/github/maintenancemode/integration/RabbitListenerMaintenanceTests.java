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
import io.github.maintenancemode.test.LocalServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @RabbitListener} containers pause while maintenance is on, against the local
 * RabbitMQ, with the state shared in a file store: each test uses queues of its own and
 * deletes them.
 */
class RabbitListenerMaintenanceTests {

	@TempDir
	Path directory;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final String ordersQueue = "maintenance-test-orders-" + UUID.randomUUID();

	private final String auditQueue = "maintenance-test-audit-" + UUID.randomUUID();

	private CachingConnectionFactory connectionFactory;

	private RabbitAdmin admin;

	private RabbitTemplate template;

	@BeforeEach
	void declareQueues() {
		this.connectionFactory = new CachingConnectionFactory(LocalServices.HOST, LocalServices.RABBITMQ_PORT);
		this.connectionFactory.setUsername(LocalServices.RABBITMQ_USERNAME);
		this.connectionFactory.setPassword(LocalServices.RABBITMQ_PASSWORD);
		this.admin = new RabbitAdmin(this.connectionFactory);
		this.admin.declareQueue(new Queue(this.ordersQueue, false));
		this.admin.declareQueue(new Queue(this.auditQueue, false));
		this.template = new RabbitTemplate(this.connectionFactory);
	}

	@AfterEach
	void deleteQueues() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.admin.deleteQueue(this.ordersQueue);
		this.admin.deleteQueue(this.auditQueue);
		this.connectionFactory.destroy();
	}

	@Test
	void everyMessagePublishedWhileMaintenanceToggles20TimesIsProcessedOnceAndNoneDuringMaintenance() throws Exception {
		ConfigurableApplicationContext context = start();
		ListenerMaintenanceChecks.toggle20Times("Rabbit", context, context.getBean(RabbitApplication.Orders.class),
				(id) -> this.template.send("", this.ordersQueue, message(Integer.toString(id))),
				(publishedSinceSettled) -> messagesIn(this.ordersQueue) >= 50);
	}

	@Test
	void anInstanceThatStartsDuringMaintenanceTakesNoMessageUntilItEnds() throws IOException {
		Path file = this.directory.resolve("MAINTENANCE");
		ConfigurableApplicationContext context = startDuringMaintenanceWith30Queued(file);
		RabbitApplication.Orders orders = context.getBean(RabbitApplication.Orders.class);
		assertThat(context.getBean(MaintenanceEndpoint.class).status().pausedConsumers()).containsExactly("orders");
		// no consumer on the queue: the broker can deliver nothing
		assertThat(consumersOf(this.ordersQueue)).isZero();
		assertThat(consumersOf(this.auditQueue)).isEqualTo(2);
		assertThat(orders.processed).isEmpty();
		assertThat(messagesIn(this.ordersQueue)).isEqualTo(30L);
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
				context.getBean(RabbitApplication.Orders.class),
				(id) -> this.template.send("", this.ordersQueue, message("restart-" + id)),
				(publishedSinceSettled) -> consumersOf(this.ordersQueue) == 0
						&& messagesIn(this.ordersQueue) >= publishedSinceSettled);
	}

	@Test
	void noMessageIsTakenWhenMaintenanceBeganWhileTheApplicationWasStopped() {
		ConfigurableApplicationContext context = start();
		ListenerMaintenanceChecks.staysPausedWhenMaintenanceBeginsWhileStopped(context,
				context.getBean(RabbitApplication.Orders.class),
				(id) -> this.template.send("", this.ordersQueue, message("stopped-" + id)),
				(publishedSinceSettled) -> consumersOf(this.ordersQueue) == 0
						&& messagesIn(this.ordersQueue) >= publishedSinceSettled);
	}

	@Test
	void anInstanceThatStartsDuringMaintenanceTakesNoMessageAfterALifecycleRestart() throws IOException {
		Path file = this.directory.resolve("MAINTENANCE");
		ConfigurableApplicationContext context = startDuringMaintenanceWith30Queued(file);
		RabbitApplication.Orders orders = context.getBean(RabbitApplication.Orders.class);
		// the registry starts every container: what the held one takes then is handed
		// back, and it stops again
		ListenerMaintenanceChecks.restart(context);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> consumersOf(this.ordersQueue) == 0 && messagesIn(this.ordersQueue) == 30L);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(orders.processed::isEmpty);
		assertThat(context.getBean(MaintenanceActivity.class).pausedConsumers()).containsExactly("orders");
		Files.delete(file);
		await().atMost(Duration.ofSeconds(10)).until(() -> orders.processed.size() == 30);
		assertThat(orders.duplicates).hasValue(0);
		assertThat(context.getBean(MaintenanceActivity.class).pausedConsumers()).isEmpty();
	}

	@Test
	void aFleetPausesAndResumesTogetherWhileAListenerMarkedRunInMaintenanceKeepsConsuming() {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		RabbitApplication.Orders firstOrders = first.getBean(RabbitApplication.Orders.class);
		RabbitApplication.Orders secondOrders = second.getBean(RabbitApplication.Orders.class);
		ListenerMaintenanceChecks.pauseTogether(first, second);
		await().atMost(Duration.ofSeconds(5)).until(() -> consumersOf(this.ordersQueue) == 0);
		assertThat(consumersOf(this.auditQueue)).isEqualTo(4);
		for (int i = 0; i < 20; i++) {
			this.template.send("", this.ordersQueue, message("fleet-" + i));
		}
		this.template.send("", this.auditQueue, message("audit"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> first.getBean(RabbitApplication.Audit.class).received.get()
					+ second.getBean(RabbitApplication.Audit.class).received.get() == 1);
		assertThat(consumersOf(this.ordersQueue)).isZero();
		assertThat(firstOrders.processed).isEmpty();
		assertThat(secondOrders.processed).isEmpty();
		assertThat(messagesIn(this.ordersQueue)).isEqualTo(20L);
		ListenerMaintenanceChecks.resumeTogether(first, second, 20);
	}

	private ConfigurableApplicationContext startDuringMaintenanceWith30Queued(Path file) throws IOException {
		Files.writeString(file, "Database migration", StandardCharsets.UTF_8);
		for (int i = 0; i < 30; i++) {
			this.template.send("", this.ordersQueue, message("queued-" + i));
		}
		return start();
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RabbitApplication.class)
			.web(WebApplicationType.NONE)
			.properties("test.orders-queue=" + this.ordersQueue, "test.audit-queue=" + this.auditQueue,
					"maintenance.store.type=file",
					"maintenance.store.file.path=" + this.directory.resolve("MAINTENANCE"),
					"maintenance.store.file.poll-interval=200ms",
					"management.endpoints.web.exposure.include=maintenance,health",
					"spring.autoconfigure.exclude=" + LoginKindsTests.NO_DATABASE)
			.run();
		this.contexts.add(context);
		return context;
	}

	private int consumersOf(String queue) {
		QueueInformation information = this.admin.getQueueInfo(queue);
		return (information != null) ? information.getConsumerCount() : -1;
	}

	private long messagesIn(String queue) {
		QueueInformation information = this.admin.getQueueInfo(queue);
		return (information != null) ? information.getMessageCount() : -1;
	}

	private static Message message(String id) {
		return MessageBuilder.withBody(id.getBytes(StandardCharsets.UTF_8)).setMessageId(id).build();
	}

}
