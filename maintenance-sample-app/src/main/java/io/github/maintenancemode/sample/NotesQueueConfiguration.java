package io.github.maintenancemode.sample;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.EnableRabbit;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Notes that arrive on a RabbitMQ queue, {@code sample.notes.queue}: a listener that
 * writes to the same notes as the API, and so pauses while maintenance is on. The beans
 * always exist (also in an AOT build); the listener starts, and the broker is reached,
 * only with {@code sample.notes.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
@EnableRabbit
class NotesQueueConfiguration {

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
	SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory(CachingConnectionFactory connectionFactory,
			@Value("${sample.notes.enabled}") boolean enabled) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		factory.setConnectionFactory(connectionFactory);
		factory.setAutoStartup(enabled);
		return factory;
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

	/**
	 * Adds each note that arrives on the queue.
	 */
	@Component
	static class NotesListener {

		private final NoteRepository notes;

		NotesListener(NoteRepository notes) {
			this.notes = notes;
		}

		@RabbitListener(id = "notes", queues = "${sample.notes.queue}")
		void onNote(String text) {
			this.notes.add(text);
		}

	}

}
