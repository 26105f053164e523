package io.github.maintenancemode.autoconfigure;

import java.time.Clock;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.actuate.MaintenanceEndpoint;
import io.github.maintenancemode.actuate.MaintenanceHealthIndicator;
import io.github.maintenancemode.actuate.MaintenanceMetrics;
import io.github.maintenancemode.actuate.UnknownFieldsAdvisor;
import io.github.maintenancemode.lifecycle.InstanceDrain;
import io.github.maintenancemode.lifecycle.MaintenanceAuditPublisher;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code maintenance} actuator endpoint, the health
 * contributor, the metrics and the audit events.
 */
@AutoConfiguration(after = MaintenanceAutoConfiguration.class)
@ConditionalOnBean(MaintenanceMode.class)
public final class MaintenanceEndpointAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(MaintenanceEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MaintenanceEndpoint maintenanceEndpoint(MaintenanceMode maintenanceMode, MaintenanceActivity activity,
				ObjectProvider<Clock> clock, MaintenanceProperties properties, InstanceDrain instanceDrain) {
			return new MaintenanceEndpoint(maintenanceMode, activity, clock.getIfAvailable(Clock::systemUTC),
					properties.getRetryAfter(), instanceDrain);
		}

		@Bean
		UnknownFieldsAdvisor maintenanceUnknownFieldsAdvisor() {
			return new UnknownFieldsAdvisor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("maintenance")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "maintenanceHealthIndicator")
		MaintenanceHealthIndicator maintenanceHealthIndicator(MaintenanceMode maintenanceMode) {
			return new MaintenanceHealthIndicator(maintenanceMode);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MaintenanceMetrics maintenanceMetrics(MaintenanceMode maintenanceMode, ObjectProvider<Clock> clock) {
			return new MaintenanceMetrics(maintenanceMode, clock.getIfAvailable(Clock::systemUTC));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AuditApplicationEvent.class)
	@ConditionalOnBean(AuditEventRepository.class)
	static class AuditConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MaintenanceAuditPublisher maintenanceAuditPublisher(ApplicationEventPublisher publisher) {
			return new MaintenanceAuditPublisher(publisher);
		}

	}

}
