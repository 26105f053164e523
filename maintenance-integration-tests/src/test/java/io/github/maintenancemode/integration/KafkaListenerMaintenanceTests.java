package io.github.maintenancemode.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.actuate.MaintenanceEndpoint;
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
		// records stay in the topic whether consumed or not: count those published since
		ListenerMaintenanceChecks.toggle20Times("Kafka", context, context.getBean(KafkaApplication.Orders.class),
				(id) -> this.template.send(this.ordersTopic, Integer.toString(id), Integer.toString(id)).join(),
				(publishedSinceSettled) -> publishedSinceSettled >= 50);
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
		// nor after a lifecycle restart, which starts every container
		ListenerMaintenanceChecks.restart(context);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(orders.processed::isEmpty);
		Files.delete(file);
		await().atMost(Duration.ofSeconds(30)).until(() -> orders.processed.size() == 30);
		assertThat(orders.duplicates).hasValue(0);
		assertThat(context.getBean(MaintenanceActivity.class).pausedConsumers()).isEmpty();
	}

	@Test
	void noRecordIsTakenDuringMaintenanceAfterTheApplicationsLifecycleRestarts() {
		ConfigurableApplicationContext context = start();
		ListenerMaintenanceChecks.staysPausedThroughLifecycleRestarts(context,
				context.getBean(KafkaApplication.Orders.class),
				(id) -> this.template.send(this.ordersTopic, "restart-" + id, "restart-" + id).join(),
				(publishedSinceSettled) -> true);
	}

	@Test
	void noRecordIsTakenWhenMaintenanceBeganWhileTheApplicationWasStopped() {
		ConfigurableApplicationContext context = start();
		ListenerMaintenanceChecks.staysPausedWhenMaintenanceBeginsWhileStopped(context,
				context.getBean(KafkaApplication.Orders.class),
				(id) -> this.template.send(this.ordersTopic, "stopped-" + id, "stopped-" + id).join(),
				(publishedSinceSettled) -> true);
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
		ListenerMaintenanceChecks.pauseTogether(first, second);
		for (int i = 0; i < 20; i++) {
			this.template.send(this.ordersTopic, "fleet-" + i).join();
		}
		this.template.send(this.auditTopic, "audit").join();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> first.getBean(KafkaApplication.Audit.class).received.get()
					+ second.getBean(KafkaApplication.Audit.class).received.get() == 1);
		assertThat(firstOrders.processed.size() + secondOrders.processed.size()).isEqualTo(2);
		ListenerMaintenanceChecks.resumeTogether(first, second, 22);
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(KafkaApplication.class)
			.web(WebApplicationType.NONE)
			.properties("test.orders-topic=" + this.ordersTopic, "test.audit-topic=" + this.auditTopic,
					"spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
					"spring.kafka.consumer.auto-offset-reset=earliest", "maintenance.store.type=file",
					"maintenance.store.file.path=" + this.directory.resolve("MAINTENANCE"),
					"maintenance.store.file.poll-interval=200ms",
					"management.endpoints.web.exposure.include=maintenance,health",
					"spring.autoconfigure.exclude=" + LoginKindsTests.NO_DATABASE)
			.run();
		this.contexts.add(context);
		return context;
	}

}
