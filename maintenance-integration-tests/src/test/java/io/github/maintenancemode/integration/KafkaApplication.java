package io.github.maintenancemode.integration;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.scheduling.RunInMaintenance;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * An application with two {@code @KafkaListener}s, configured by Spring Boot's Kafka
 * auto-configuration: {@code orders} (topic {@code test.orders-topic}), which pauses in
 * maintenance, and {@code audit} (topic {@code test.audit-topic}), marked
 * {@link RunInMaintenance}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class KafkaApplication {

	@Bean
	Orders orders() {
		return new Orders();
	}

	@Bean
	Audit audit() {
		return new Audit();
	}

	/**
	 * Processes orders, identified by the record's value.
	 */
	static class Orders extends ProcessedMessages {

		@KafkaListener(id = "orders", groupId = "orders", topics = "${test.orders-topic}")
		void onRecord(ConsumerRecord<String, String> record) {
			process(record.value());
		}

	}

	/**
	 * Only logs: keeps running while maintenance is on.
	 */
	static class Audit {

		final AtomicInteger received = new AtomicInteger();

		@RunInMaintenance
		@KafkaListener(id = "audit", groupId = "audit", topics = "${test.audit-topic}")
		void onRecord(ConsumerRecord<String, String> record) {
			this.received.incrementAndGet();
		}

	}

}
