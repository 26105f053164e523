package io.github.maintenancemode.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.actuate.MaintenanceEndpoint;
import io.github.maintenancemode.test.LocalServices;
import io.micrometer.core.instrument.MeterRegistry;
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
		MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
		MaintenanceActivity activity = context.getBean(MaintenanceActivity.class);
		RabbitApplication.Orders orders = context.getBean(RabbitApplication.Orders.class);
		AtomicInteger published = new AtomicInteger();
		AtomicBoolean publishing = new AtomicBoolean(true);
		Thread publisher = new Thread(() -> {
			while (publishing.get()) {
				this.template.send("", this.ordersQueue, message(Integer.toString(published.get())));
				published.incrementAndGet();
				// a bounded backlog while the consumer runs; while it is paused the
				// messages pile up in the broker
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(1))
					.until(() -> !publishing.get() || maintenanceMode.isActive()
							|| published.get() - orders.processed.size() < 20);
			}
		}, "publisher");
		publisher.start();
		Set<String> inFlightWhenMaintenanceBegan = new HashSet<>();
		int beginningsWithMessageInFlight = 0;
		for (int i = 0; i < 20; i++) {
			int processedBefore = orders.processed.size();
			// the consumer takes messages again before the next window begins
			await().atMost(Duration.ofSeconds(30)).until(() -> orders.processed.size() >= processedBefore + 20);
			maintenanceMode.enable("Toggle " + i);
			Set<String> inFlight = Set.copyOf(orders.inFlight);
			if (!inFlight.isEmpty()) {
				beginningsWithMessageInFlight++;
				inFlightWhenMaintenanceBegan.addAll(inFlight);
			}
			// the message in flight finishes and counts as a running job until it has
			await().atMost(Duration.ofSeconds(10)).until(() -> activity.runningJobs() == 0);
			assertThat(orders.processed.keySet()).containsAll(inFlight);
			assertThat(activity.pausedConsumers()).containsExactly("orders");
			orders.maintenanceSettled.set(true);
			// messages keep arriving and wait in the broker: a consumer that still took
			// them would be counted during maintenance, and they would not pile up
			await().atMost(Duration.ofSeconds(30)).until(() -> messagesIn(this.ordersQueue) >= 50);
			orders.maintenanceSettled.set(false);
			maintenanceMode.disable();
		}
		publishing.set(false);
		publisher.join();
		// all processed, and no late redelivery adds a duplicate for a while
		await().atMost(Duration.ofSeconds(60)).until(() -> orders.processed.size() == published.get());
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> orders.duplicates.get() == 0 && orders.processed.size() == published.get());
		System.out.printf(
				"Rabbit toggle test: published %d, processed %d, processed during maintenance %d, "
						+ "duplicates %d, lost %d, maintenance began 20 times, %d of them with a message in flight%n",
				published.get(), orders.processed.size(), orders.duringMaintenance.get(), orders.duplicates.get(),
				published.get() - orders.processed.size(), beginningsWithMessageInFlight);
		assertThat(orders.duringMaintenance).hasValue(0);
		assertThat(orders.duplicates).hasValue(0);
		assertThat(orders.processed).hasSize(published.get());
		assertThat(beginningsWithMessageInFlight).isPositive();
		assertThat(activity.pausedConsumers()).isEmpty();
		assertThat(context.getBean(MeterRegistry.class)
			.get("maintenance.consumers.paused")
			.tag("listener", "orders")
			.counter()
			.count()).isEqualTo(20);
		assertThat(context.getBean(MeterRegistry.class)
			.find("maintenance.consumers.paused")
			.tag("listener", "audit")
			.counter()).isNull();
	}

	@Test
	void anInstanceThatStartsDuringMaintenanceTakesNoMessageUntilItEnds() throws IOException {
		Path file = this.directory.resolve("MAINTENANCE");
		Files.writeString(file, "Database migration", StandardCharsets.UTF_8);
		for (int i = 0; i < 30; i++) {
			this.template.send("", this.ordersQueue, message("queued-" + i));
		}
		ConfigurableApplicationContext context = start();
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
	void aFleetPausesAndResumesTogetherWhileAListenerMarkedRunInMaintenanceKeepsConsuming() {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		RabbitApplication.Orders firstOrders = first.getBean(RabbitApplication.Orders.class);
		RabbitApplication.Orders secondOrders = second.getBean(RabbitApplication.Orders.class);
		first.getBean(MaintenanceMode.class).enable("Upgrade");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> second.getBean(MaintenanceActivity.class).pausedConsumers().contains("orders"));
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
		first.getBean(MaintenanceMode.class).disable();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> firstOrders.processed.size() + secondOrders.processed.size() == 20);
		Set<String> all = new HashSet<>(firstOrders.processed.keySet());
		all.addAll(secondOrders.processed.keySet());
		assertThat(all).hasSize(20);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> second.getBean(MaintenanceActivity.class).pausedConsumers().isEmpty());
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RabbitApplication.class)
			.web(WebApplicationType.NONE)
			.properties("test.orders-queue=" + this.ordersQueue, "test.audit-queue=" + this.auditQueue,
					"maintenance.store.type=file",
					"maintenance.store.file.path=" + this.directory.resolve("MAINTENANCE"),
					"maintenance.store.file.poll-interval=200ms",
					"management.endpoints.web.exposure.include=maintenance",
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
