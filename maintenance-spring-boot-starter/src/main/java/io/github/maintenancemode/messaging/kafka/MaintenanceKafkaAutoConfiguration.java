package io.github.maintenancemode.messaging.kafka;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.messaging.ConsumerPauseCounter;
import io.github.maintenancemode.messaging.MaintenanceListenerPolicy;
import io.github.maintenancemode.messaging.MaintenanceMessagingProperties;

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
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerConfigUtils;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration that pauses the {@code @KafkaListener} containers while maintenance
 * is on. Exists only when Spring for Apache Kafka is on the class path and the
 * application has the maintenance switch.
 */
@AutoConfiguration(after = MaintenanceAutoConfiguration.class,
		afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaListenerEndpointRegistry.class)
@ConditionalOnBooleanProperty(name = "maintenance.messaging.enabled", matchIfMissing = true)
@ConditionalOnBean(MaintenanceMode.class)
@EnableConfigurationProperties(MaintenanceMessagingProperties.class)
public final class MaintenanceKafkaAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static MaintenanceListenerPolicy<KafkaListener> maintenanceKafkaListenerPolicy(Environment environment,
			ConfigurableBeanFactory beanFactory) {
		return new MaintenanceListenerPolicy<>(KafkaListener.class, KafkaListener::id,
				MaintenanceMessagingProperties.bind(environment), beanFactory);
	}

	@Bean
	@ConditionalOnBean(name = KafkaListenerConfigUtils.KAFKA_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME)
	KafkaListenerPauser maintenanceKafkaListenerPauser(ObjectProvider<MaintenanceMode> maintenanceMode,
			MaintenanceActivity activity, MaintenanceListenerPolicy<KafkaListener> policy, BeanFactory beanFactory) {
		// looked up, not injected, for the reasons given in the Rabbit configuration: the
		// registry must start after the pauser, and the switch publishes its first change
		// while it is being created
		return new KafkaListenerPauser(
				SingletonSupplier
					.of(() -> beanFactory.getBean(KafkaListenerConfigUtils.KAFKA_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME,
							KafkaListenerEndpointRegistry.class)),
				SingletonSupplier.of(maintenanceMode::getObject), activity, policy,
				new ConsumerPauseCounter(beanFactory));
	}

}
