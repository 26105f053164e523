package io.github.maintenancemode.autoconfigure;

import java.time.Clock;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.actuate.MaintenanceEndpoint;
import io.github.maintenancemode.actuate.MaintenanceHealthIndicator;
import io.github.maintenancemode.actuate.MaintenanceMetrics;
import io.github.maintenancemode.actuate.MaintenanceStoreMetrics;
import io.github.maintenancemode.actuate.MaintenanceTransitionMetrics;
import io.github.maintenancemode.actuate.MaintenanceWriteRequestFilter;
import io.github.maintenancemode.actuate.UnknownFieldsAdvisor;
import io.github.maintenancemode.lifecycle.InstanceDrain;
import io.github.maintenancemode.lifecycle.MaintenanceAuditPublisher;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;

/**
 * Auto-configuration of the {@code maintenance} actuator endpoint, the health
 * contributor, the metrics and the audit events.
 */
@AutoConfiguration(after = MaintenanceAutoConfiguration.class)
@ConditionalOnBean(MaintenanceMode.class)
public final class MaintenanceEndpointAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
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
	@ConditionalOnClass(FilterRegistrationBean.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnAvailableEndpoint(MaintenanceEndpoint.class)
	static class WriteRequestConfiguration {

		static final int WRITE_REQUEST_FILTER_ORDER = -90;

		@Bean
		@ConditionalOnMissingBean(name = "maintenanceWriteRequestFilterRegistration")
		FilterRegistrationBean<MaintenanceWriteRequestFilter> maintenanceWriteRequestFilterRegistration(
				ApplicationContext applicationContext) {
			return registration(
					() -> MaintenanceHandlerPaths.actuatorPatterns(applicationContext).isEmpty() ? "" : endpointUri(
							applicationContext, MaintenanceHandlerPaths.dispatcherServletPrefix(applicationContext)));
		}

		/**
		 * The registration of the write filter.
		 * @param endpointUri the endpoint's request URI, {@code ""} when the endpoint is
		 * not served by this context's server
		 * @return the registration
		 */
		static FilterRegistrationBean<MaintenanceWriteRequestFilter> registration(Supplier<String> endpointUri) {
			FilterRegistrationBean<MaintenanceWriteRequestFilter> registration = new FilterRegistrationBean<>(
					new MaintenanceWriteRequestFilter(endpointUri));
			registration.setName("maintenanceWriteRequestFilter");
			// after Spring Security's chain (-100), so that a caller is
			// authenticated first
			registration.setOrder(WRITE_REQUEST_FILTER_ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			return registration;
		}

		/**
		 * The endpoint's request URI in a context: its servlet context path, its
		 * dispatcher servlet's prefix and the endpoint's mapped path.
		 * @param applicationContext the context
		 * @param dispatcherServletPrefix the dispatcher servlet's prefix
		 * @return the URI
		 */
		static String endpointUri(ApplicationContext applicationContext, String dispatcherServletPrefix) {
			PathMappedEndpoints endpoints = applicationContext.getBeanProvider(PathMappedEndpoints.class)
				.getIfAvailable();
			String path = (endpoints != null) ? endpoints.getPath(EndpointId.of("maintenance")) : null;
			if (path == null) {
				return "";
			}
			ServletContext servletContext = (applicationContext instanceof WebApplicationContext web)
					? web.getServletContext() : null;
			return ((servletContext != null) ? servletContext.getContextPath() : "") + dispatcherServletPrefix + path;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("maintenance")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "maintenanceHealthIndicator")
		MaintenanceHealthIndicator maintenanceHealthIndicator(MaintenanceMode maintenanceMode) {
			return new MaintenanceHealthIndicator(maintenanceMode);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MaintenanceMetrics maintenanceMetrics(MaintenanceMode maintenanceMode, ObjectProvider<Clock> clock) {
			return new MaintenanceMetrics(maintenanceMode, clock.getIfAvailable(Clock::systemUTC));
		}

		@Bean
		@ConditionalOnMissingBean
		MaintenanceTransitionMetrics maintenanceTransitionMetrics() {
			return new MaintenanceTransitionMetrics();
		}

		@Bean
		@ConditionalOnMissingBean
		MaintenanceStoreMetrics maintenanceStoreMetrics(MaintenanceMode maintenanceMode) {
			return new MaintenanceStoreMetrics(maintenanceMode);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(AuditEventRepository.class)
	static class AuditConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MaintenanceAuditPublisher maintenanceAuditPublisher(ApplicationEventPublisher publisher) {
			return new MaintenanceAuditPublisher(publisher);
		}

	}

}
