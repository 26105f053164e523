package io.github.maintenancemode.integration;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.scheduling.RunInMaintenance;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jms.annotation.JmsListener;

/**
 * An application with two {@code @JmsListener}s, configured by Spring Boot's Artemis and
 * JMS auto-configuration: {@code orders} (queue {@code test.orders-queue}), which pauses
 * in maintenance, and {@code audit} (queue {@code test.audit-queue}), marked
 * {@link RunInMaintenance}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class JmsApplication {

	@Bean
	Orders orders() {
		return new Orders();
	}

	@Bean
	Audit audit() {
		return new Audit();
	}

	/**
	 * Processes orders, noting those the broker had delivered before.
	 */
	static class Orders extends ProcessedMessages {

		/**
		 * Messages that the broker had delivered before, to this consumer or another.
		 */
		final Set<String> redelivered = ConcurrentHashMap.newKeySet();

		@JmsListener(id = "orders", destination = "${test.orders-queue}")
		void onMessage(TextMessage message) throws JMSException {
			String id = message.getText();
			if (message.getJMSRedelivered()) {
				this.redelivered.add(id);
			}
			process(id);
		}

	}

	/**
	 * Only logs: keeps running while maintenance is on.
	 */
	static class Audit {

		final AtomicInteger received = new AtomicInteger();

		@RunInMaintenance
		@JmsListener(id = "audit", destination = "${test.audit-queue}")
		void onMessage(TextMessage message) {
			this.received.incrementAndGet();
		}

	}

}
