package io.github.maintenancemode.integration;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

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
	 * Processes orders, a few milliseconds each, idempotently: a record value seen before
	 * is counted as a duplicate and not processed again.
	 */
	static class Orders {

		private static final Duration WORK = Duration.ofMillis(3);

		final Map<String, Boolean> processed = new ConcurrentHashMap<>();

		final Set<String> inFlight = ConcurrentHashMap.newKeySet();

		final AtomicInteger duplicates = new AtomicInteger();

		final AtomicInteger duringMaintenance = new AtomicInteger();

		/**
		 * Set by the test while maintenance is on and what was in flight when it began
		 * has finished: nothing may start then.
		 */
		final AtomicBoolean maintenanceSettled = new AtomicBoolean();

		@KafkaListener(id = "orders", groupId = "orders", topics = "${test.orders-topic}")
		void onRecord(ConsumerRecord<String, String> record) {
			if (this.maintenanceSettled.get()) {
				this.duringMaintenance.incrementAndGet();
			}
			String id = record.value();
			this.inFlight.add(id);
			try {
				// the listener's work, which takes a while: maintenance often begins
				// while a record is being processed
				LockSupport.parkNanos(WORK.toNanos());
				if (this.processed.putIfAbsent(id, Boolean.TRUE) != null) {
					this.duplicates.incrementAndGet();
				}
			}
			finally {
				this.inFlight.remove(id);
			}
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
