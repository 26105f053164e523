package io.github.maintenancemode.messaging.rabbit;

import java.util.ArrayList;
import java.util.List;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.messaging.MaintenanceListenerPolicy;
import io.github.maintenancemode.scheduling.RunInMaintenance;
import io.github.maintenancemode.scheduling.SkipInMaintenance;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.annotation.EnableRabbit;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaintenanceRabbitAutoConfiguration}.
 */
class MaintenanceRabbitAutoConfigurationTests {

	private static final MaintenanceState.Mode FULL = MaintenanceState.Mode.FULL;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MaintenanceAutoConfiguration.class, MaintenanceRabbitAutoConfiguration.class))
		.withBean(Listeners.class);

	@Test
	void withoutSpringRabbitNothingIsConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader(RabbitListenerEndpointRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RabbitListenerGate.class)
				.doesNotHaveBean(MaintenanceListenerPolicy.class));
	}

	@Test
	void whenDisabledNothingIsConfigured() {
		this.runner.withPropertyValues("maintenance.messaging.enabled=false")
			.withUserConfiguration(RabbitListeners.class)
			.run((context) -> assertThat(context).doesNotHaveBean(RabbitListenerGate.class)
				.doesNotHaveBean(RabbitListenerPauser.class));
	}

	@Test
	void withoutRabbitListenersThereIsNothingToPause() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(RabbitListenerGate.class)
			.doesNotHaveBean(RabbitListenerPauser.class));
	}

	@Test
	void withRabbitListenersTheirContainersPause() {
		this.runner.withUserConfiguration(RabbitListeners.class)
			.run((context) -> assertThat(context).hasSingleBean(RabbitListenerPauser.class));
	}

	@Test
	void gateGoesFirstInTheAdviceChainOfEveryContainerFactoryBeforeTheApplicationsAdvice() {
		MethodInterceptor retry = (invocation) -> invocation.proceed();
		this.runner.withBean(SimpleRabbitListenerContainerFactory.class, () -> {
			SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
			factory.setAdviceChain(retry);
			return factory;
		}).run((context) -> {
			Advice[] chain = context.getBean(SimpleRabbitListenerContainerFactory.class).getAdviceChain();
			assertThat(chain).containsExactly(context.getBean(RabbitListenerGate.class), retry);
		});
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
	void listenersPauseInReadOnlyMaintenanceUnlessConfiguredOtherwise() {
		this.runner
			.run((context) -> assertThat(policy(context).pauses("plain", MaintenanceState.Mode.READ_ONLY)).isTrue());
		this.runner.withPropertyValues("maintenance.messaging.pause-in-read-only=false")
			.run((context) -> assertThat(policy(context).pauses("plain", MaintenanceState.Mode.READ_ONLY)).isFalse());
	}

	private static MaintenanceListenerPolicy<?> policy(ApplicationContext context) {
		return context.getBean("maintenanceRabbitListenerPolicy", MaintenanceListenerPolicy.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableRabbit
	static class RabbitListeners {

		@Bean
		SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory() {
			// the listeners do not start: no broker is reached
			SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
			factory.setConnectionFactory(new CachingConnectionFactory("localhost"));
			return factory;
		}

	}

	static class Listeners {

		final List<String> received = new ArrayList<>();

		@RabbitListener(id = "plain", queues = "plain", autoStartup = "false")
		void plain(String message) {
			this.received.add(message);
		}

		@SkipInMaintenance
		@RabbitListener(id = "annotated", queues = "annotated", autoStartup = "false")
		void annotated(String message) {
			this.received.add(message);
		}

		@SkipInMaintenance
		@RabbitListener(id = "${listener.id:placeholder-id}", queues = "placeholder", autoStartup = "false")
		void placeholder(String message) {
			this.received.add(message);
		}

		@RunInMaintenance
		@RabbitListener(id = "running", queues = "running", autoStartup = "false")
		void running(String message) {
			this.received.add(message);
		}

	}

}
