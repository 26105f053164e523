package io.github.maintenancemode.autoconfigure;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.scheduling.SkipInMaintenanceAdvisor;
import io.github.maintenancemode.scheduling.SkipInMaintenancePostProcessor;
import io.github.maintenancemode.scheduling.SkippedJobCatchUp;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of {@link io.github.maintenancemode.scheduling.SkipInMaintenance}: a
 * post-processor that applies its advisor to the jobs, adding it first to the proxies the
 * application makes already, without changing how the application's other beans are
 * proxied.
 */
@AutoConfiguration(after = MaintenanceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "maintenance.scheduling.enabled", matchIfMissing = true)
public final class MaintenanceSchedulingAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static SkipInMaintenancePostProcessor skipInMaintenancePostProcessor(
			ObjectProvider<MaintenanceMode> maintenanceMode, ObjectProvider<MaintenanceActivity> activity,
			BeanFactory beanFactory, Environment environment) {
		// bound as the properties bean is (every relaxed form), without making that bean
		// this early
		boolean skipAll = Binder.get(environment)
			.bindOrCreate("maintenance.scheduling", MaintenanceProperties.Scheduling.class)
			.isSkipAll();
		// not a bean: an auto-proxy creator of the application would apply it
		// a second time
		return new SkipInMaintenancePostProcessor(
				new SkipInMaintenanceAdvisor(maintenanceMode, activity, beanFactory, skipAll));
	}

	@Bean
	SkippedJobCatchUp maintenanceSkippedJobCatchUp() {
		return new SkippedJobCatchUp();
	}

}
