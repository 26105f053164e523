package io.github.maintenancemode.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.web.AllowInReadOnlyAccessRule;
import io.github.maintenancemode.web.BypassCookieAccessRule;
import io.github.maintenancemode.web.ExemptPaths;
import io.github.maintenancemode.web.MaintenanceAccessPolicy;
import io.github.maintenancemode.web.MaintenanceAnnouncer;
import io.github.maintenancemode.web.MaintenanceDecider;
import io.github.maintenancemode.web.MaintenanceMessages;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import io.github.maintenancemode.web.MaintenanceResponses;
import io.github.maintenancemode.web.RoleAccessRule;
import io.github.maintenancemode.web.StaticResourceAccessRule;
import io.github.maintenancemode.web.servlet.ApplicationLocaleResolver;
import io.github.maintenancemode.web.servlet.MaintenanceFilter;
import io.github.maintenancemode.web.servlet.MaintenanceResponseWriter;
import io.github.maintenancemode.web.servlet.MaintenanceRoleFilter;
import io.github.maintenancemode.web.servlet.PageWebContexts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import org.thymeleaf.ITemplateEngine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Auto-configuration of the maintenance filter, its access rules and its responses, for
 * servlet web applications.
 */
@AutoConfiguration(after = MaintenanceAutoConfiguration.class,
		afterName = { "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
@ConditionalOnBooleanProperty(name = "maintenance.filter.enabled", matchIfMissing = true)
@ConditionalOnBean(MaintenanceMode.class)
@ImportRuntimeHints(MaintenanceRuntimeHints.class)
@Import(MaintenanceAccessConfiguration.class)
public final class MaintenanceWebAutoConfiguration {

	/**
	 * Spring Boot's registration of Spring Security's filter chain.
	 */
	static final String SECURITY_FILTER_REGISTRATION = "securityFilterChainRegistration";

	private static final boolean SPRING_MVC_PRESENT = ClassUtils.isPresent(
			"org.springframework.web.servlet.LocaleResolver", MaintenanceWebAutoConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	MaintenancePageRenderer maintenancePageRenderer(ObjectProvider<ITemplateEngine> templateEngine,
			MaintenanceMessages messages, ObjectProvider<Clock> clock, MaintenanceProperties properties,
			ApplicationContext applicationContext) {
		return MaintenancePages.renderer(templateEngine, messages, clock, properties, applicationContext,
				() -> contextPath(applicationContext)
						+ MaintenanceHandlerPaths.dispatcherServletPrefix(applicationContext));
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceResponseWriter maintenanceResponseWriter(MaintenanceResponses responses,
			ApplicationContext applicationContext) {
		MaintenanceResponseWriter writer = new MaintenanceResponseWriter(responses);
		writer.setWebContexts(new PageWebContexts(applicationContext,
				() -> MaintenanceHandlerPaths.dispatcherServletPrefix(applicationContext)));
		if (SPRING_MVC_PRESENT) {
			writer.setLocaleResolver(new ApplicationLocaleResolver(applicationContext));
		}
		return writer;
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceFilter maintenanceFilter(MaintenanceMode maintenanceMode, MaintenanceAccessPolicy accessPolicy,
			MaintenanceResponseWriter responseWriter, MaintenanceActivity activity,
			ObjectProvider<BypassCookieAccessRule> bypass, ObjectProvider<MaintenanceAnnouncer> announcer,
			ApplicationContext applicationContext) {
		ExemptPaths exemptPaths = new ExemptPaths(() -> MaintenanceHandlerPaths.actuatorPatterns(applicationContext));
		MaintenanceDecider decider = new MaintenanceDecider(exemptPaths, accessPolicy, responseWriter.responses(),
				bypass.getIfAvailable());
		return new MaintenanceFilter(maintenanceMode, decider, responseWriter, activity, announcer.getIfAvailable(),
				() -> MaintenanceHandlerPaths.dispatcherServletPrefix(applicationContext));
	}

	@Bean
	@ConditionalOnMissingBean(name = "maintenanceFilterRegistration")
	FilterRegistrationBean<MaintenanceFilter> maintenanceFilterRegistration(MaintenanceFilter filter,
			MaintenanceProperties properties) {
		FilterRegistrationBean<MaintenanceFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("maintenanceFilter");
		registration.setOrder(properties.getFilter().getOrder());
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	private static String contextPath(ApplicationContext applicationContext) {
		ServletContext servletContext = (applicationContext instanceof WebApplicationContext webApplicationContext)
				? webApplicationContext.getServletContext() : null;
		return (servletContext != null) ? servletContext.getContextPath() : "";
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContext")
	static class RoleAccessConfiguration {

		/**
		 * Decides again, right after Spring Security's filter chain, the requests that
		 * only a role could admit, so that every kind of login counts. Registered only
		 * where Spring Security's filter is, and linked to the maintenance filter only
		 * when that one runs first: otherwise the role rule sees the authenticated user
		 * by itself.
		 */
		@Bean
		@ConditionalOnBean(name = SECURITY_FILTER_REGISTRATION)
		FilterRegistrationBean<MaintenanceRoleFilter> maintenanceRoleFilterRegistration(MaintenanceMode maintenanceMode,
				RoleAccessRule roles, MaintenanceResponseWriter responseWriter,
				@Qualifier(SECURITY_FILTER_REGISTRATION) AbstractFilterRegistrationBean<?> securityFilter,
				@Qualifier("maintenanceFilterRegistration") ObjectProvider<FilterRegistrationBean<?>> maintenanceFilter) {
			FilterRegistrationBean<?> first = maintenanceFilter.getIfAvailable();
			MaintenanceFilter maintenance = (first != null && first.getFilter() instanceof MaintenanceFilter filter)
					? filter : null;
			MaintenanceDecider decider = (maintenance != null) ? maintenance.getDecider()
					: new MaintenanceDecider(new ExemptPaths(List::of), new MaintenanceAccessPolicy(List.of()),
							responseWriter.responses(), null);
			MaintenanceRoleFilter filter = new MaintenanceRoleFilter(maintenanceMode, roles, decider, responseWriter);
			FilterRegistrationBean<MaintenanceRoleFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setName("maintenanceRoleFilter");
			registration.setOrder(securityFilter.getOrder() + 1);
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			if (first != null && maintenance != null && first.getOrder() < securityFilter.getOrder()) {
				maintenance.getDecider().setDeferredDecision(filter);
			}
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RequestMappingHandlerMapping.class)
	static class RequestMappingRulesConfiguration {

		/**
		 * Static resources at Boot's common locations, except where a request mapping
		 * could take the path; without Spring MVC there are no static resources to let
		 * through.
		 */
		@Bean
		@ConditionalOnMissingBean
		StaticResourceAccessRule maintenanceStaticResourceAccessRule(MaintenanceProperties properties,
				ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
			return new StaticResourceAccessRule(properties.getAllow().isStaticResources(),
					() -> MaintenanceHandlerPaths.handlerMethods(handlerMappings));
		}

		@Bean
		@ConditionalOnMissingBean
		AllowInReadOnlyAccessRule maintenanceAllowInReadOnlyAccessRule(
				ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
			return new AllowInReadOnlyAccessRule(() -> MaintenanceHandlerPaths.handlerMethods(handlerMappings));
		}

	}

}
