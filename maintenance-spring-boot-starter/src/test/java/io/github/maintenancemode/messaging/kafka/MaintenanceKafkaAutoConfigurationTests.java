package io.github.maintenancemode.messaging.kafka;

import java.util.Map;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.messaging.MaintenanceListenerPolicy;
import io.github.maintenancemode.messaging.rabbit.MaintenanceRabbitAutoConfiguration;
import io.github.maintenancemode.scheduling.RunInMaintenance;
import io.github.maintenancemode.scheduling.SkipInMaintenance;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaintenanceKafkaAutoConfiguration}.
 */
class MaintenanceKafkaAutoConfigurationTests {

	private static final MaintenanceState.Mode FULL = MaintenanceState.Mode.FULL;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MaintenanceAutoConfiguration.class, MaintenanceKafkaAutoConfiguration.class))
		.withBean(Listeners.class);

	@Test
	void backsOffWithoutSpringKafka() {
		this.runner.withClassLoader(new FilteredClassLoader(KafkaListenerEndpointRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceListenerPolicy.class)
				.doesNotHaveBean(KafkaListenerPauser.class));
	}

	@Test
	void backsOffWithoutTheMaintenanceSwitch() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MaintenanceKafkaAutoConfiguration.class))
			.withUserConfiguration(KafkaListeners.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MaintenanceListenerPolicy.class)
				.doesNotHaveBean(KafkaListenerPauser.class));
	}

	@Test
	void backsOffWhenMessagingIsDisabled() {
		this.runner.withPropertyValues("maintenance.messaging.enabled=false")
			.withUserConfiguration(KafkaListeners.class)
			.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceListenerPolicy.class)
				.doesNotHaveBean(KafkaListenerPauser.class));
	}

	@Test
	void pausesNothingWithoutKafkaListeners() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MaintenanceListenerPolicy.class)
			.doesNotHaveBean(KafkaListenerPauser.class));
	}

	@Test
	void pausesTheContainersOfTheKafkaListeners() {
		this.runner.withUserConfiguration(KafkaListeners.class)
			.run((context) -> assertThat(context).hasSingleBean(KafkaListenerPauser.class));
	}

	@Test
	void byDefaultEveryListenerPausesExceptThoseThatRunInMaintenanceOrAreListedToKeepRunning() {
		this.runner.withPropertyValues("maintenance.messaging.keep-running=logger").run((context) -> {
			MaintenanceListenerPolicy<?> policy = policy(context);
			assertThat(policy.pauses("plain", FULL)).isTrue();
			assertThat(policy.pauses("annotated", FULL)).isTrue();
			assertThat(policy.pauses("running", FULL)).isFalse();
			assertThat(policy.pauses("logger", FULL)).isFalse();
		});
	}

	@Test
	void withPauseAnnotatedOnlyListenersAnnotatedToSkipPause() {
		this.runner.withPropertyValues("maintenance.messaging.pause=annotated").run((context) -> {
			MaintenanceListenerPolicy<?> policy = policy(context);
			assertThat(policy.pauses("plain", FULL)).isFalse();
			assertThat(policy.pauses("annotated", FULL)).isTrue();
			assertThat(policy.pauses("placeholder-id", FULL)).isTrue();
			assertThat(policy.pauses("running", FULL)).isFalse();
		});
	}

	@Test
	void rabbitAndKafkaListenersEachFollowTheirOwnAnnotations() {
		this.runner.withConfiguration(AutoConfigurations.of(MaintenanceRabbitAutoConfiguration.class))
			.withBean(RabbitListeners.class)
			.withPropertyValues("maintenance.messaging.pause=annotated")
			.run((context) -> {
				assertThat(context).hasNotFailed().getBeans(MaintenanceListenerPolicy.class).hasSize(2);
				MaintenanceListenerPolicy<?> kafka = policy(context);
				MaintenanceListenerPolicy<?> rabbit = context.getBean("maintenanceRabbitListenerPolicy",
						MaintenanceListenerPolicy.class);
				assertThat(kafka.pauses("annotated", FULL)).isTrue();
				assertThat(kafka.pauses("rabbit-annotated", FULL)).isFalse();
				assertThat(rabbit.pauses("rabbit-annotated", FULL)).isTrue();
				assertThat(rabbit.pauses("annotated", FULL)).isFalse();
			});
	}

	private static MaintenanceListenerPolicy<?> policy(ApplicationContext context) {
		return context.getBean("maintenanceKafkaListenerPolicy", MaintenanceListenerPolicy.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableKafka
	static class KafkaListeners {

		@Bean
		ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory() {
			// the listeners do not start: no broker is reached
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
			factory.setConsumerFactory(
					new DefaultKafkaConsumerFactory<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1")));
			return factory;
		}

	}

	static class Listeners {

		@KafkaListener(id = "plain", topics = "plain", autoStartup = "false")
		void plain(String message) {
		}

		@SkipInMaintenance
		@KafkaListener(id = "annotated", topics = "annotated", autoStartup = "false")
		void annotated(String message) {
		}

		@SkipInMaintenance
		@KafkaListener(id = "${listener.id:placeholder-id}", topics = "placeholder", autoStartup = "false")
		void placeholder(String message) {
		}

		@RunInMaintenance
		@KafkaListener(id = "running", topics = "running", autoStartup = "false")
		void running(String message) {
		}

	}

	static class RabbitListeners {

		@SkipInMaintenance
		@RabbitListener(id = "rabbit-annotated", queues = "rabbit-annotated", autoStartup = "false")
		void annotated(String message) {
		}

	}

}
