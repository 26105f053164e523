package io.github.maintenancemode.integration;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.scheduling.RunInMaintenance;
import io.github.maintenancemode.test.LocalServices;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.EnableRabbit;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application with two {@code @RabbitListener}s on the local RabbitMQ: {@code orders}
 * (queue {@code test.orders-queue}), which pauses in maintenance, and {@code audit}
 * (queue {@code test.audit-queue}), marked {@link RunInMaintenance}. Spring Boot's
 * RabbitMQ auto-configuration is not on the class path here: the application configures
 * the connection and the container factory as Boot would.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableRabbit
class RabbitApplication {

	@Bean
	CachingConnectionFactory rabbitConnectionFactory() {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(LocalServices.HOST,
				LocalServices.RABBITMQ_PORT);
		connectionFactory.setUsername(LocalServices.RABBITMQ_USERNAME);
		connectionFactory.setPassword(LocalServices.RABBITMQ_PASSWORD);
		return connectionFactory;
	}

	@Bean
	SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory(CachingConnectionFactory connectionFactory) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		factory.setConnectionFactory(connectionFactory);
		factory.setConcurrentConsumers(2);
		return factory;
	}

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

		@RabbitListener(id = "orders", queues = "${test.orders-queue}")
		void onMessage(Message message) {
			String id = message.getMessageProperties().getMessageId();
			if (Boolean.TRUE.equals(message.getMessageProperties().isRedelivered())) {
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
		@RabbitListener(id = "audit", queues = "${test.audit-queue}")
		void onMessage(Message message) {
			this.received.incrementAndGet();
		}

	}

}
