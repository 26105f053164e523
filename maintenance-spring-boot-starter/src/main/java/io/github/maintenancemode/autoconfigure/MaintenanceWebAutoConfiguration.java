package io.github.maintenancemode.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

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
import io.github.maintenancemode.web.MaintenanceObservationFilter;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import io.github.maintenancemode.web.MaintenanceResponseListener;
import io.github.maintenancemode.web.MaintenanceResponseWriter;
import io.github.maintenancemode.web.MaintenanceRoleFilter;
import io.github.maintenancemode.web.PathAccessRule;
import io.github.maintenancemode.web.PageWebContexts;
import io.github.maintenancemode.web.StaticResourceAccessRule;
import io.github.maintenancemode.web.ApplicationLocaleResolver;
import io.github.maintenancemode.web.MaintenanceProblemEncoder;
import io.github.maintenancemode.web.RoleAccessRule;
import io.micrometer.observation.ObservationFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.template.TemplateAvailabilityProviders;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.http.server.observation.ServerRequestObservationContext;
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
public final class MaintenanceWebAutoConfiguration {

	static final String DEFAULT_TEMPLATE = "maintenance/page";

	/**
	 * Spring Boot's registration of Spring Security's filter chain.
	 */
	static final String SECURITY_FILTER_REGISTRATION = "securityFilterChainRegistration";

	static final String APPLICATION_TEMPLATE = "maintenance";

	private static final String THYMELEAF_AVAILABILITY = "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafTemplateAvailabilityProvider";

	private static final boolean THYMELEAF_AVAILABILITY_PRESENT = ClassUtils.isPresent(THYMELEAF_AVAILABILITY,
			MaintenanceWebAutoConfiguration.class.getClassLoader());

	private static final boolean SERVER_PROPERTIES_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.web.server.autoconfigure.ServerProperties",
			MaintenanceWebAutoConfiguration.class.getClassLoader());

	/**
	 * Where the starter's own engine finds templates.
	 */
	private static final String STARTER_ENGINE_PREFIX = "classpath:/templates/";

	private static final boolean SPRING_MVC_PRESENT = ClassUtils.isPresent(
			"org.springframework.web.servlet.LocaleResolver", MaintenanceWebAutoConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	MaintenanceMessages maintenanceMessages(ApplicationContext applicationContext) {
		return new MaintenanceMessages(applicationContext);
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenancePageRenderer maintenancePageRenderer(ObjectProvider<ITemplateEngine> templateEngine,
			MaintenanceMessages messages, ObjectProvider<Clock> clock, MaintenanceProperties properties,
			ApplicationContext applicationContext) {
		String templateName = templateName(properties, applicationContext);
		ITemplateEngine starterEngine = starterEngine(applicationContext);
		boolean ownPage = templateName.equals(DEFAULT_TEMPLATE);
		ITemplateEngine engine = ownPage ? starterEngine : templateEngine.getIfAvailable(() -> starterEngine);
		MaintenancePageRenderer renderer = new MaintenancePageRenderer(engine, templateName, messages,
				clock.getIfAvailable(Clock::systemUTC), properties.getRetryAfter(),
				() -> contextPath(applicationContext)
						+ MaintenanceHandlerPaths.dispatcherServletPrefix(applicationContext));
		if (!ownPage) {
			renderer.setFallback(starterEngine, DEFAULT_TEMPLATE);
		}
		renderer.setWebContexts(new PageWebContexts(applicationContext,
				() -> MaintenanceHandlerPaths.dispatcherServletPrefix(applicationContext)));
		return renderer;
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceResponseWriter maintenanceResponseWriter(MaintenancePageRenderer pageRenderer,
			MaintenanceMessages messages, ObjectProvider<Clock> clock, MaintenanceProperties properties,
			ObjectProvider<MaintenanceResponseListener> listener, ObjectProvider<JsonMapper> jsonMapper,
			ApplicationContext applicationContext) {
		int status = properties.getResponse().getStatus();
		String redirectUrl = properties.getResponse().getRedirectUrl();
		boolean statusInRange = status >= 400 && status <= 599;
		MaintenanceResponseWriter writer = configured(
				statusInRange ? "maintenance.response.redirect-url" : "maintenance.response.status",
				statusInRange ? redirectUrl : status, () -> new MaintenanceResponseWriter(pageRenderer, messages,
						clock.getIfAvailable(Clock::systemUTC), properties.getRetryAfter(), status, redirectUrl));
		listener.ifUnique(writer::setListener);
		jsonMapper.ifAvailable((mapper) -> writer.setProblemEncoder(MaintenanceProblemEncoder.of(mapper)));
		if (SPRING_MVC_PRESENT) {
			writer.setLocaleResolver(new ApplicationLocaleResolver(applicationContext));
		}
		String problemType = properties.getResponse().getProblemType();
		configured("maintenance.response.problem-type", problemType, () -> {
			writer.setProblemType(problemType);
			return writer;
		});
		List<String> jsonPaths = properties.getResponse().getJsonPaths();
		configured("maintenance.response.json-paths", String.join(",", jsonPaths), () -> {
			writer.setJsonPaths(jsonPaths);
			return writer;
		});
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
		List<String> paths = properties.getAllow().getPaths();
		return configured("maintenance.allow.paths", String.join(",", paths), () -> new PathAccessRule(paths));
	}

	@Bean
	@ConditionalOnMissingBean
	IpAddressAccessRule maintenanceIpAddressAccessRule(MaintenanceProperties properties, Environment environment,
			ApplicationContext applicationContext) {
		List<String> addresses = properties.getAllow().getIpAddresses();
		boolean forwarded = forwardedHeadersHandled(applicationContext, environment);
		return configured("maintenance.allow.ip-addresses", String.join(",", addresses),
				() -> new IpAddressAccessRule(addresses, forwarded));
	}

	@Bean
	@ConditionalOnMissingBean
	HostAccessRule maintenanceHostAccessRule(MaintenanceProperties properties) {
		List<String> hosts = properties.getAllow().getHosts();
		return configured("maintenance.allow.hosts", String.join(",", hosts), () -> new HostAccessRule(hosts));
	}

	@Bean
	@ConditionalOnMissingBean
	BypassCookieAccessRule maintenanceBypassCookieAccessRule(MaintenanceProperties properties,
			ObjectProvider<Clock> clock) {
		String secret = properties.getBypass().getSecret();
		Duration maxAge = properties.getBypass().getCookieMaxAge();
		boolean secretValid = secret == null || secret.isEmpty()
				|| secret.length() >= BypassCookieAccessRule.MIN_SECRET_LENGTH;
		// the secret itself is never shown
		return configured(secretValid ? "maintenance.bypass.cookie-max-age" : "maintenance.bypass.secret",
				secretValid ? maxAge : "(hidden)",
				() -> new BypassCookieAccessRule(secret, maxAge, clock.getIfAvailable(Clock::systemUTC)));
	}

	@Bean
	@ConditionalOnMissingBean
	DrainGraceAccessRule maintenanceDrainGraceAccessRule(MaintenanceProperties properties,
			ObjectProvider<Clock> clock) {
		Duration gracePeriod = properties.getDrain().getGracePeriod();
		return configured("maintenance.drain.grace-period", gracePeriod,
				() -> new DrainGraceAccessRule(gracePeriod, clock.getIfAvailable(Clock::systemUTC)));
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

	/**
	 * Create what a property configures, reporting a value it refuses as Spring Boot
	 * reports an invalid property: with its name, its value and why.
	 */
	private static <T> T configured(String property, @Nullable Object value, Supplier<T> factory) {
		try {
			return factory.get();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, value, ex.getMessage());
		}
	}

	/**
	 * Whether the server applies forwarded headers: Spring Boot's
	 * {@code server.forward-headers-strategy}, or by default the cloud platform's choice.
	 */
	private static boolean forwardedHeadersHandled(ApplicationContext applicationContext, Environment environment) {
		if (SERVER_PROPERTIES_PRESENT) {
			Boolean strategy = ServerSettings.forwardedHeadersHandled(applicationContext);
			if (strategy != null) {
				return strategy;
			}
		}
		CloudPlatform platform = CloudPlatform.getActive(environment);
		return platform != null && platform.isUsingForwardHeaders();
	}

	/**
	 * The page's template: the configured one, else the application's own
	 * {@code maintenance} template when Thymeleaf finds it where the application keeps
	 * its views (as Spring Boot's template availability check sees it), else the
	 * starter's.
	 */
	private static String templateName(MaintenanceProperties properties, ApplicationContext applicationContext) {
		String configured = properties.getResponse().getTemplate();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		boolean applicationPage = THYMELEAF_AVAILABILITY_PRESENT
				? new TemplateAvailabilityProviders(applicationContext).getProviders()
					.stream()
					.filter((provider) -> provider.getClass().getName().equals(THYMELEAF_AVAILABILITY))
					.anyMatch((provider) -> provider.isTemplateAvailable(APPLICATION_TEMPLATE,
							applicationContext.getEnvironment(), applicationContext.getClassLoader(),
							applicationContext))
				: applicationContext.getResource(STARTER_ENGINE_PREFIX + APPLICATION_TEMPLATE + ".html").exists();
		return applicationPage ? APPLICATION_TEMPLATE : DEFAULT_TEMPLATE;
	}

	/**
	 * Reads Spring Boot's server settings, kept apart so that the configuration loads
	 * without them.
	 */
	private static final class ServerSettings {

		static @Nullable Boolean forwardedHeadersHandled(ApplicationContext applicationContext) {
			ServerProperties server = applicationContext.getBeanProvider(ServerProperties.class).getIfAvailable();
			ServerProperties.ForwardHeadersStrategy strategy = (server != null) ? server.getForwardHeadersStrategy()
					: null;
			return (strategy != null) ? strategy != ServerProperties.ForwardHeadersStrategy.NONE : null;
		}

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
			return new StaticResourceAccessRule(properties.getAllow().isStaticResources(), handlerMappings);
		}

		@Bean
		@ConditionalOnMissingBean
		AllowInReadOnlyAccessRule maintenanceAllowInReadOnlyAccessRule(
				ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
			return new AllowInReadOnlyAccessRule(handlerMappings);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ObservationFilter.class, ServerRequestObservationContext.class })
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MaintenanceObservationFilter maintenanceObservationFilter() {
			return new MaintenanceObservationFilter();
		}

	}

	/**
	 * The engine of the starter's own page: found whatever the application's Thymeleaf
	 * set-up, if it has one.
	 */
	private static ITemplateEngine starterEngine(ApplicationContext applicationContext) {
		SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
		resolver.setApplicationContext(applicationContext);
		resolver.setPrefix(STARTER_ENGINE_PREFIX);
		resolver.setSuffix(".html");
		resolver.setCharacterEncoding("UTF-8");
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
