package io.github.maintenancemode.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.actuate.MaintenanceEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @KafkaListener} containers pause while maintenance is on, against a Kafka broker
 * (KRaft) started in the test JVM, with the state shared in a file store: each test uses
 * topics of its own.
 */
class KafkaListenerMaintenanceTests {

	private static EmbeddedKafkaKraftBroker broker;

	@TempDir
	Path directory;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final String ordersTopic = "maintenance-test-orders-" + UUID.randomUUID();

	private final String auditTopic = "maintenance-test-audit-" + UUID.randomUUID();

	private DefaultKafkaProducerFactory<String, String> producerFactory;

	private KafkaTemplate<String, String> template;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 2);
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@BeforeEach
	void createTopics() {
		broker.addTopics(new NewTopic(this.ordersTopic, 2, (short) 1), new NewTopic(this.auditTopic, 1, (short) 1));
		this.producerFactory = new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				broker.getBrokersAsString(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
		this.template = new KafkaTemplate<>(this.producerFactory);
	}

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.producerFactory.destroy();
	}

	@Test
	void everyRecordPublishedWhileMaintenanceToggles20TimesIsProcessedOnceAndNoneDuringMaintenance() throws Exception {
		ConfigurableApplicationContext context = start();
		MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
		MaintenanceActivity activity = context.getBean(MaintenanceActivity.class);
		KafkaApplication.Orders orders = context.getBean(KafkaApplication.Orders.class);
		AtomicInteger published = new AtomicInteger();
		AtomicBoolean publishing = new AtomicBoolean(true);
		Thread publisher = new Thread(() -> {
			while (publishing.get()) {
				int id = published.get();
				this.template.send(this.ordersTopic, Integer.toString(id), Integer.toString(id)).join();
				published.incrementAndGet();
				// a bounded backlog while the consumer runs; while it is paused the
				// records pile up in the broker
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(1))
					.until(() -> !publishing.get() || maintenanceMode.isActive()
							|| published.get() - orders.processed.size() < 20);
			}
		}, "publisher");
		publisher.start();
		Set<String> inFlightWhenMaintenanceBegan = new HashSet<>();
		int beginningsWithRecordInFlight = 0;
		for (int i = 0; i < 20; i++) {
			int processedBefore = orders.processed.size();
			// the consumer takes records again before the next window begins
			await().atMost(Duration.ofSeconds(30)).until(() -> orders.processed.size() >= processedBefore + 20);
			maintenanceMode.enable("Toggle " + i);
			Set<String> inFlight = Set.copyOf(orders.inFlight);
			if (!inFlight.isEmpty()) {
				beginningsWithRecordInFlight++;
				inFlightWhenMaintenanceBegan.addAll(inFlight);
			}
			// the record in progress finishes, and the container counts as a running
			// job until its consumer has paused
			await().atMost(Duration.ofSeconds(15)).until(() -> activity.runningJobs() == 0);
			assertThat(orders.processed.keySet()).containsAll(inFlight);
			assertThat(activity.pausedConsumers()).containsExactly("orders");
			orders.maintenanceSettled.set(true);
			// records keep arriving and wait in the broker: a consumer that still took
			// them would be counted during maintenance
			int processedWhenSettled = orders.processed.size();
			await().atMost(Duration.ofSeconds(30)).until(() -> published.get() - processedWhenSettled >= 50);
			orders.maintenanceSettled.set(false);
			maintenanceMode.disable();
		}
		publishing.set(false);
		publisher.join();
		await().atMost(Duration.ofSeconds(60)).until(() -> orders.processed.size() == published.get());
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> orders.duplicates.get() == 0 && orders.processed.size() == published.get());
		System.out.printf(
				"Kafka toggle test: published %d, processed %d, processed during maintenance %d, "
						+ "duplicates %d, lost %d, maintenance began 20 times, %d of them with a record in progress%n",
				published.get(), orders.processed.size(), orders.duringMaintenance.get(), orders.duplicates.get(),
				published.get() - orders.processed.size(), beginningsWithRecordInFlight);
		assertThat(orders.duringMaintenance).hasValue(0);
		assertThat(orders.duplicates).hasValue(0);
		assertThat(orders.processed).hasSize(published.get());
		assertThat(beginningsWithRecordInFlight).isPositive();
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
	void anInstanceThatStartsDuringMaintenanceTakesNoRecordUntilItEnds() throws IOException {
		Path file = this.directory.resolve("MAINTENANCE");
		Files.writeString(file, "Database migration", StandardCharsets.UTF_8);
		for (int i = 0; i < 30; i++) {
			this.template.send(this.ordersTopic, "queued-" + i).join();
		}
		ConfigurableApplicationContext context = start();
		KafkaApplication.Orders orders = context.getBean(KafkaApplication.Orders.class);
		assertThat(context.getBean(MaintenanceEndpoint.class).status().pausedConsumers()).containsExactly("orders");
		KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);
		// never started: no consumer joined the group, none could take a record
		assertThat(registry.getListenerContainer("orders").isRunning()).isFalse();
		assertThat(registry.getListenerContainer("audit").isRunning()).isTrue();
		assertThat(orders.processed).isEmpty();
		Files.delete(file);
		await().atMost(Duration.ofSeconds(30)).until(() -> orders.processed.size() == 30);
		assertThat(orders.duplicates).hasValue(0);
		assertThat(context.getBean(MaintenanceActivity.class).pausedConsumers()).isEmpty();
	}

	@Test
	void aFleetPausesAndResumesTogetherWhileAListenerMarkedRunInMaintenanceKeepsConsuming() {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		KafkaApplication.Orders firstOrders = first.getBean(KafkaApplication.Orders.class);
		KafkaApplication.Orders secondOrders = second.getBean(KafkaApplication.Orders.class);
		// both consumers have their partition before maintenance begins
		this.template.send(this.ordersTopic, 0, "warm-0", "warm-0").join();
		this.template.send(this.ordersTopic, 1, "warm-1", "warm-1").join();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> firstOrders.processed.size() + secondOrders.processed.size() == 2);
		first.getBean(MaintenanceMode.class).enable("Upgrade");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> second.getBean(MaintenanceActivity.class).pausedConsumers().contains("orders"));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> first.getBean(MaintenanceActivity.class).runningJobs() == 0
					&& second.getBean(MaintenanceActivity.class).runningJobs() == 0);
		for (int i = 0; i < 20; i++) {
			this.template.send(this.ordersTopic, "fleet-" + i).join();
		}
		this.template.send(this.auditTopic, "audit").join();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> first.getBean(KafkaApplication.Audit.class).received.get()
					+ second.getBean(KafkaApplication.Audit.class).received.get() == 1);
		assertThat(firstOrders.processed.size() + secondOrders.processed.size()).isEqualTo(2);
		first.getBean(MaintenanceMode.class).disable();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> firstOrders.processed.size() + secondOrders.processed.size() == 22);
		Set<String> all = new HashSet<>(firstOrders.processed.keySet());
		all.addAll(secondOrders.processed.keySet());
		assertThat(all).hasSize(22);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> second.getBean(MaintenanceActivity.class).pausedConsumers().isEmpty());
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(KafkaApplication.class)
			.web(WebApplicationType.NONE)
			.properties("test.orders-topic=" + this.ordersTopic, "test.audit-topic=" + this.auditTopic,
					"spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
					"spring.kafka.consumer.auto-offset-reset=earliest", "maintenance.store.type=file",
					"maintenance.store.file.path=" + this.directory.resolve("MAINTENANCE"),
					"maintenance.store.file.poll-interval=200ms",
					"management.endpoints.web.exposure.include=maintenance",
					"spring.autoconfigure.exclude=" + LoginKindsTests.NO_DATABASE)
			.run();
		this.contexts.add(context);
		return context;
	}

}
