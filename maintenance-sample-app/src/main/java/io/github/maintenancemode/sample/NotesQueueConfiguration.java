package io.github.maintenancemode.sample;

import java.nio.charset.StandardCharsets;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.EnableRabbit;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Notes that arrive on a RabbitMQ queue, {@code sample.notes.queue}: a listener that
 * writes to the same notes as the API, and so pauses while maintenance is on. The beans
 * always exist (also in an AOT build); the listener is registered, and the broker is
 * reached, only with {@code sample.notes.enabled=true}, so that no start of the
 * application's lifecycle (a restart after a stop included) starts a listener that is
 * off.
 */
@Configuration(proxyBeanMethods = false)
@EnableRabbit
class NotesQueueConfiguration {

	/**
	 * The id of the notes listener.
	 */
	static final String LISTENER_ID = "notes";

	@Bean
	CachingConnectionFactory rabbitConnectionFactory(@Value("${sample.notes.host}") String host,
			@Value("${sample.notes.port}") int port, @Value("${sample.notes.username}") String username,
			@Value("${sample.notes.password}") String password) {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(host, port);
		connectionFactory.setUsername(username);
		connectionFactory.setPassword(password);
		return connectionFactory;
	}

	@Bean
	SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory(CachingConnectionFactory connectionFactory) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		factory.setConnectionFactory(connectionFactory);
		return factory;
	}

	@Bean
	RabbitListenerConfigurer notesListener(NoteRepository notes, @Value("${sample.notes.enabled}") boolean enabled,
			@Value("${sample.notes.queue}") String queue) {
		return (registrar) -> {
			if (enabled) {
				SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
				endpoint.setId(LISTENER_ID);
				endpoint.setQueueNames(queue);
				endpoint
					.setMessageListener((message) -> notes.add(new String(message.getBody(), StandardCharsets.UTF_8)));
				registrar.registerEndpoint(endpoint);
			}
		};
	}

	@Bean
	Queue notesQueue(@Value("${sample.notes.queue}") String name) {
		return new Queue(name);
	}

	@Bean
	RabbitAdmin rabbitAdmin(CachingConnectionFactory connectionFactory) {
		return new RabbitAdmin(connectionFactory);
	}

	@Bean
	RabbitTemplate rabbitTemplate(CachingConnectionFactory connectionFactory) {
		return new RabbitTemplate(connectionFactory);
	}

}
