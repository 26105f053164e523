package io.github.maintenancemode.messaging.jms;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.messaging.MaintenanceListenerPolicy;
import io.github.maintenancemode.scheduling.RunInMaintenance;
import io.github.maintenancemode.scheduling.SkipInMaintenance;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.annotation.EnableJms;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.jms.config.JmsListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link MaintenanceJmsAutoConfiguration}.
 */
class MaintenanceJmsAutoConfigurationTests {

	private static final MaintenanceState.Mode FULL = MaintenanceState.Mode.FULL;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MaintenanceAutoConfiguration.class, MaintenanceJmsAutoConfiguration.class))
		.withBean(Listeners.class);

	@Test
	void backsOffWithoutSpringJms() {
		this.runner.withClassLoader(new FilteredClassLoader(JmsListenerEndpointRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceListenerPolicy.class)
				.doesNotHaveBean(JmsListenerPauser.class));
	}

	@Test
	void backsOffWithoutTheMaintenanceSwitch() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MaintenanceJmsAutoConfiguration.class))
			.withUserConfiguration(JmsListeners.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MaintenanceListenerPolicy.class)
				.doesNotHaveBean(JmsListenerPauser.class));
	}

	@Test
	void backsOffWhenMessagingIsDisabled() {
		this.runner.withPropertyValues("maintenance.messaging.enabled=false")
			.withUserConfiguration(JmsListeners.class)
			.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceListenerPolicy.class)
				.doesNotHaveBean(JmsListenerPauser.class));
	}

	@Test
	void pausesTheContainersOfTheJmsListenersOnly() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(JmsListenerPauser.class));
		this.runner.withUserConfiguration(JmsListeners.class)
			.run((context) -> assertThat(context).hasSingleBean(JmsListenerPauser.class));
	}

	@Test
	void followsTheAnnotationsOfTheJmsListeners() {
		this.runner.withPropertyValues("maintenance.messaging.pause=annotated").run((context) -> {
			MaintenanceListenerPolicy<?> policy = policy(context);
			assertThat(policy.pauses("plain", FULL)).isFalse();
			assertThat(policy.pauses("annotated", FULL)).isTrue();
			assertThat(policy.pauses("running", FULL)).isFalse();
		});
		this.runner.run((context) -> {
			MaintenanceListenerPolicy<?> policy = policy(context);
			assertThat(policy.pauses("plain", FULL)).isTrue();
			assertThat(policy.pauses("running", FULL)).isFalse();
		});
	}

	private static MaintenanceListenerPolicy<?> policy(ApplicationContext context) {
		return context.getBean("maintenanceJmsListenerPolicy", MaintenanceListenerPolicy.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableJms
	static class JmsListeners {

		@Bean
		DefaultJmsListenerContainerFactory jmsListenerContainerFactory() {
			// the listeners do not start: no broker is reached
			DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
			factory.setConnectionFactory(mock(ConnectionFactory.class));
			factory.setAutoStartup(false);
			return factory;
		}

	}

	static class Listeners {

		@JmsListener(id = "plain", destination = "plain")
		void plain(String message) {
		}

		@SkipInMaintenance
		@JmsListener(id = "annotated", destination = "annotated")
		void annotated(String message) {
		}

		@RunInMaintenance
		@JmsListener(id = "running", destination = "running")
		void running(String message) {
		}

	}

}
