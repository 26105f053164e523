package io.github.maintenancemode.autoconfigure;

import io.github.maintenancemode.actuate.MaintenanceEndpoint;
import io.github.maintenancemode.actuate.MaintenanceWriteRequestFilter;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The write filter of the {@code maintenance} endpoint in the actuator's own context,
 * when the actuator runs on a separate management port: filters registered in the
 * application's context do not reach that server.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(FilterRegistrationBean.class)
@ConditionalOnAvailableEndpoint(MaintenanceEndpoint.class)
final class MaintenanceManagementContextConfiguration {

	@Bean
	FilterRegistrationBean<MaintenanceWriteRequestFilter> maintenanceManagementWriteRequestFilterRegistration(
			ApplicationContext applicationContext) {
		// the management context's dispatcher servlet is mapped to "/"
		return MaintenanceEndpointAutoConfiguration.WriteRequestConfiguration
			.registration(() -> MaintenanceEndpointAutoConfiguration.WriteRequestConfiguration
				.endpointUri(applicationContext, ""));
	}

}
