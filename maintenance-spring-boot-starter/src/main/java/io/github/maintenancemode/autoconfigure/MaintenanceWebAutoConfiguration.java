package io.github.maintenancemode.autoconfigure;

import java.time.Clock;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.web.AllowInReadOnlyAccessRule;
import io.github.maintenancemode.web.BypassCookieAccessRule;
import io.github.maintenancemode.web.DrainGraceAccessRule;
import io.github.maintenancemode.web.ExemptPaths;
import io.github.maintenancemode.web.HostAccessRule;
import io.github.maintenancemode.web.IpAddressAccessRule;
import io.github.maintenancemode.web.MaintenanceAccessPolicy;
import io.github.maintenancemode.web.MaintenanceAccessRule;
import io.github.maintenancemode.web.MaintenanceAnnouncer;
import io.github.maintenancemode.web.MaintenanceFilter;
import io.github.maintenancemode.web.MaintenanceMessages;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import io.github.maintenancemode.web.MaintenanceResponseListener;
import io.github.maintenancemode.web.MaintenanceResponseWriter;
import io.github.maintenancemode.web.MaintenanceRoleFilter;
import io.github.maintenancemode.web.PathAccessRule;
import io.github.maintenancemode.web.RoleAccessRule;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
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
@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class, SpringTemplateEngine.class })
@ConditionalOnBooleanProperty(name = "maintenance.filter.enabled", matchIfMissing = true)
@ConditionalOnBean(MaintenanceMode.class)
@ImportRuntimeHints(MaintenanceRuntimeHints.class)
public final class MaintenanceWebAutoConfiguration {

	static final String DEFAULT_TEMPLATE = "maintenance/page";

	/**
	 * Spring Boot's registration of Spring Security's filter chain.
	 */
	static final String SECURITY_FILTER_REGISTRATION = "securityFilterChainRegistration";

	static final String APPLICATION_TEMPLATE = "maintenance";

	@Bean
	@ConditionalOnMissingBean
	MaintenanceMessages maintenanceMessages(ApplicationContext applicationContext) {
		return new MaintenanceMessages(applicationContext);
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenancePageRenderer maintenancePageRenderer(ObjectProvider<ITemplateEngine> templateEngine,
			MaintenanceMessages messages, ObjectProvider<Clock> clock, MaintenanceProperties properties,
			ApplicationContext applicationContext, Environment environment) {
		return new MaintenancePageRenderer(templateEngine.getIfAvailable(() -> fallbackEngine(applicationContext)),
				templateName(properties, applicationContext, environment), messages,
				clock.getIfAvailable(Clock::systemUTC), properties.getRetryAfter(),
				() -> contextPath(applicationContext)
						+ MaintenanceHandlerPaths.dispatcherServletPrefix(applicationContext));
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceResponseWriter maintenanceResponseWriter(MaintenancePageRenderer pageRenderer,
			MaintenanceMessages messages, ObjectProvider<Clock> clock, MaintenanceProperties properties,
			ObjectProvider<MaintenanceResponseListener> listener) {
		MaintenanceResponseWriter writer = new MaintenanceResponseWriter(pageRenderer, messages,
				clock.getIfAvailable(Clock::systemUTC), properties.getRetryAfter(),
				properties.getResponse().getStatus(), properties.getResponse().getRedirectUrl());
		listener.ifUnique(writer::setListener);
		try {
			writer.setProblemType(properties.getResponse().getProblemType());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("maintenance.response.problem-type",
					properties.getResponse().getProblemType(), ex.getMessage());
		}
		try {
			writer.setJsonPaths(properties.getResponse().getJsonPaths());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("maintenance.response.json-paths",
					String.join(",", properties.getResponse().getJsonPaths()), ex.getMessage());
		}
		return writer;
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceAccessPolicy maintenanceAccessPolicy(ObjectProvider<MaintenanceAccessRule> rules) {
		return new MaintenanceAccessPolicy(rules.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	PathAccessRule maintenancePathAccessRule(MaintenanceProperties properties) {
		return new PathAccessRule(properties.getAllow().getPaths());
	}

	@Bean
	@ConditionalOnMissingBean
	IpAddressAccessRule maintenanceIpAddressAccessRule(MaintenanceProperties properties, Environment environment) {
		return new IpAddressAccessRule(properties.getAllow().getIpAddresses(), forwardedHeadersHandled(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	HostAccessRule maintenanceHostAccessRule(MaintenanceProperties properties) {
		return new HostAccessRule(properties.getAllow().getHosts());
	}

	@Bean
	@ConditionalOnMissingBean
	BypassCookieAccessRule maintenanceBypassCookieAccessRule(MaintenanceProperties properties,
			ObjectProvider<Clock> clock) {
		return new BypassCookieAccessRule(properties.getBypass().getSecret(), properties.getBypass().getCookieMaxAge(),
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	DrainGraceAccessRule maintenanceDrainGraceAccessRule(MaintenanceProperties properties,
			ObjectProvider<Clock> clock) {
		return new DrainGraceAccessRule(properties.getDrain().getGracePeriod(), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceAnnouncer maintenanceAnnouncer(MaintenanceMessages messages, ObjectProvider<Clock> clock,
			MaintenanceProperties properties) {
		return new MaintenanceAnnouncer(clock.getIfAvailable(Clock::systemUTC), properties.getAnnounceBefore(),
				messages);
	}

	@Bean
	@ConditionalOnMissingBean(name = "maintenanceFilterRegistration")
	FilterRegistrationBean<MaintenanceFilter> maintenanceFilterRegistration(MaintenanceMode maintenanceMode,
			MaintenanceAccessPolicy accessPolicy, MaintenanceResponseWriter responseWriter,
			MaintenanceActivity activity, ObjectProvider<BypassCookieAccessRule> bypass,
			ObjectProvider<MaintenanceAnnouncer> announcer, MaintenanceProperties properties,
			ApplicationContext applicationContext) {
		ExemptPaths exemptPaths = new ExemptPaths(() -> MaintenanceHandlerPaths.actuatorPatterns(applicationContext));
		MaintenanceFilter filter = new MaintenanceFilter(maintenanceMode, accessPolicy, responseWriter, exemptPaths,
				activity, bypass.getIfAvailable(), announcer.getIfAvailable(),
				() -> MaintenanceHandlerPaths.dispatcherServletPrefix(applicationContext));
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

	private static boolean forwardedHeadersHandled(Environment environment) {
		String strategy = environment.getProperty("server.forward-headers-strategy", "");
		if (!strategy.isBlank()) {
			return !strategy.equalsIgnoreCase("none");
		}
		CloudPlatform platform = CloudPlatform.getActive(environment);
		return platform != null && platform.isUsingForwardHeaders();
	}

	private static String templateName(MaintenanceProperties properties, ResourceLoader resourceLoader,
			Environment environment) {
		String configured = properties.getResponse().getTemplate();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String prefix = environment.getProperty("spring.thymeleaf.prefix", "classpath:/templates/");
		String suffix = environment.getProperty("spring.thymeleaf.suffix", ".html");
		boolean applicationPage = resourceLoader.getResource(prefix + APPLICATION_TEMPLATE + suffix).exists();
		return applicationPage ? APPLICATION_TEMPLATE : DEFAULT_TEMPLATE;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContext")
	static class RoleAccessConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RoleAccessRule maintenanceRoleAccessRule(MaintenanceProperties properties) {
			return new RoleAccessRule(properties.getAllow().getRoles());
		}

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
			MaintenanceRoleFilter filter = new MaintenanceRoleFilter(maintenanceMode, roles, responseWriter);
			FilterRegistrationBean<MaintenanceRoleFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setName("maintenanceRoleFilter");
			registration.setOrder(securityFilter.getOrder() + 1);
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			FilterRegistrationBean<?> first = maintenanceFilter.getIfAvailable();
			if (first != null && first.getFilter() instanceof MaintenanceFilter maintenance
					&& first.getOrder() < securityFilter.getOrder()) {
				maintenance.setDeferredDecision(filter);
			}
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.security.core.context.SecurityContext")
	static class NoRoleAccessConfiguration {

		NoRoleAccessConfiguration(MaintenanceProperties properties) {
			if (!properties.getAllow().getRoles().isEmpty()) {
				throw new IllegalStateException(
						"maintenance.allow.roles needs Spring Security (spring-boot-starter-security) on the classpath");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RequestMappingHandlerMapping.class)
	static class AllowInReadOnlyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AllowInReadOnlyAccessRule maintenanceAllowInReadOnlyAccessRule(
				ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
			return new AllowInReadOnlyAccessRule(handlerMappings);
		}

	}

	private static ITemplateEngine fallbackEngine(ApplicationContext applicationContext) {
		SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
		resolver.setApplicationContext(applicationContext);
		resolver.setPrefix("classpath:/templates/");
		resolver.setSuffix(".html");
		resolver.setCharacterEncoding("UTF-8");
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
