package io.github.maintenancemode.messaging.rabbit;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.messaging.ConsumerPauseCounter;
import io.github.maintenancemode.messaging.MaintenanceListenerPolicy;
import io.github.maintenancemode.messaging.MaintenanceMessagingProperties;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.RabbitListenerConfigUtils;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration that pauses the {@code @RabbitListener} containers while maintenance
 * is on. Exists only when Spring AMQP's Rabbit support is on the class path and the
 * application has the maintenance switch.
 */
@AutoConfiguration(after = MaintenanceAutoConfiguration.class,
		afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass(RabbitListenerEndpointRegistry.class)
@ConditionalOnBooleanProperty(name = "maintenance.messaging.enabled", matchIfMissing = true)
@ConditionalOnBean(MaintenanceMode.class)
@EnableConfigurationProperties(MaintenanceMessagingProperties.class)
public final class MaintenanceRabbitAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static RabbitListenerGate maintenanceRabbitListenerGate(ObjectProvider<MaintenanceActivity> activity) {
		return new RabbitListenerGate(SingletonSupplier.of(activity::getObject));
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static RabbitListenerGateInstaller maintenanceRabbitListenerGateInstaller(ObjectProvider<RabbitListenerGate> gate) {
		return new RabbitListenerGateInstaller(SingletonSupplier.of(gate::getObject));
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static MaintenanceListenerPolicy<RabbitListener> maintenanceRabbitListenerPolicy(Environment environment,
			ConfigurableBeanFactory beanFactory) {
		return new MaintenanceListenerPolicy<>(RabbitListener.class, RabbitListener::id,
				MaintenanceMessagingProperties.bind(environment), beanFactory);
	}

	@Bean
	@ConditionalOnBean(name = RabbitListenerConfigUtils.RABBIT_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME)
	RabbitListenerPauser maintenanceRabbitListenerPauser(ObjectProvider<MaintenanceMode> maintenanceMode,
			MaintenanceActivity activity, MaintenanceListenerPolicy<RabbitListener> policy, RabbitListenerGate gate,
			BeanFactory beanFactory) {
		// the registry is looked up, not injected: the lifecycle processor starts a
		// bean's dependencies before the bean, and the registry must start after this
		// one. The switch is looked up too: it publishes its first change while it is
		// being created, which creates this listener.
		return new RabbitListenerPauser(
				SingletonSupplier
					.of(() -> beanFactory.getBean(RabbitListenerConfigUtils.RABBIT_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME,
							RabbitListenerEndpointRegistry.class)),
				SingletonSupplier.of(maintenanceMode::getObject), activity, policy, gate,
				new ConsumerPauseCounter(beanFactory));
	}

}
