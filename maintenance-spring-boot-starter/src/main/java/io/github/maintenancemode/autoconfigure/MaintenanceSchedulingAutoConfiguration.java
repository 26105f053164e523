package io.github.maintenancemode.autoconfigure;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.scheduling.SkipInMaintenanceAdvisor;
import io.github.maintenancemode.scheduling.SkippedJobCatchUp;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Auto-configuration of {@link io.github.maintenancemode.scheduling.SkipInMaintenance}:
 * an infrastructure advisor applied by Spring AOP's auto-proxying.
 */
@AutoConfiguration(after = MaintenanceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "maintenance.scheduling.enabled", matchIfMissing = true)
@Import(MaintenanceSchedulingAutoConfiguration.AutoProxyRegistrar.class)
public final class MaintenanceSchedulingAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static SkipInMaintenanceAdvisor skipInMaintenanceAdvisor(ObjectProvider<MaintenanceMode> maintenanceMode,
			ObjectProvider<MaintenanceActivity> activity, BeanFactory beanFactory, Environment environment) {
		boolean skipAll = environment.getProperty("maintenance.scheduling.skip-all", Boolean.class, false);
		return new SkipInMaintenanceAdvisor(maintenanceMode, activity, beanFactory, skipAll);
	}

	@Bean
	SkippedJobCatchUp maintenanceSkippedJobCatchUp() {
		return new SkippedJobCatchUp();
	}

	/**
	 * Makes sure an auto-proxy creator exists (one that applies infrastructure advisors,
	 * unless the application has a more capable one) and that it proxies classes.
	 */
	static class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
			AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
		}

	}

}
