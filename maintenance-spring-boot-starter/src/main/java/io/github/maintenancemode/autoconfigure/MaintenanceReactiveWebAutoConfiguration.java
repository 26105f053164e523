package io.github.maintenancemode.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.actuate.MaintenanceEndpoint;
import io.github.maintenancemode.actuate.ReactiveMaintenanceWriteRequestFilter;
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
import io.github.maintenancemode.web.reactive.MaintenanceRoleWebFilter;
import io.github.maintenancemode.web.reactive.MaintenanceWebFilter;
import io.github.maintenancemode.web.reactive.ReactiveMaintenanceResponseWriter;
import io.github.maintenancemode.web.reactive.ReactivePageContexts;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.ITemplateEngine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of the maintenance filter, its access rules and its responses, for
 * reactive web applications: the same decision and the same responses as for servlet
 * applications, carried out by a {@link WebFilter}.
 */
@AutoConfiguration(after = MaintenanceAutoConfiguration.class,
		afterName = { "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, RequestMappingHandlerMapping.class })
@ConditionalOnBooleanProperty(name = "maintenance.filter.enabled", matchIfMissing = true)
@ConditionalOnBean(MaintenanceMode.class)
@ImportRuntimeHints(MaintenanceRuntimeHints.class)
@Import(MaintenanceAccessConfiguration.class)
public final class MaintenanceReactiveWebAutoConfiguration {

	/**
	 * The order of Spring Security's {@code WebFilterChainProxy} when its bean says none.
	 */
	static final int DEFAULT_SECURITY_ORDER = -100;

	@Bean
	@ConditionalOnMissingBean
	MaintenancePageRenderer maintenancePageRenderer(ObjectProvider<ITemplateEngine> templateEngine,
			MaintenanceMessages messages, ObjectProvider<Clock> clock, MaintenanceProperties properties,
			ApplicationContext applicationContext) {
		return MaintenancePages.renderer(templateEngine, messages, clock, properties, applicationContext,
				() -> MaintenanceReactiveHandlerPaths.basePath(applicationContext));
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveMaintenanceResponseWriter maintenanceReactiveResponseWriter(MaintenanceResponses responses,
			ApplicationContext applicationContext) {
		ReactiveMaintenanceResponseWriter writer = new ReactiveMaintenanceResponseWriter(responses);
		writer.setWebContexts(new ReactivePageContexts(applicationContext));
		return writer;
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceWebFilter maintenanceWebFilter(MaintenanceMode maintenanceMode, MaintenanceAccessPolicy accessPolicy,
			ReactiveMaintenanceResponseWriter responseWriter, MaintenanceActivity activity,
			ObjectProvider<BypassCookieAccessRule> bypass, ObjectProvider<MaintenanceAnnouncer> announcer,
			MaintenanceProperties properties, ApplicationContext applicationContext) {
		ExemptPaths exemptPaths = new ExemptPaths(
				() -> MaintenanceReactiveHandlerPaths.actuatorPatterns(applicationContext));
		MaintenanceDecider decider = new MaintenanceDecider(exemptPaths, accessPolicy, responseWriter.responses(),
				bypass.getIfAvailable());
		MaintenanceWebFilter filter = new MaintenanceWebFilter(maintenanceMode, decider, responseWriter, activity,
				announcer.getIfAvailable(), new SessionCookieName(applicationContext));
		filter.setOrder(properties.getFilter().getOrder());
		return filter;
	}

	/**
	 * Static resources at Boot's common locations, except where a request mapping could
	 * take the path.
	 * @param properties the maintenance properties
	 * @param handlerMappings the application's request mappings
	 * @return the rule
	 */
	@Bean
	@ConditionalOnMissingBean
	StaticResourceAccessRule maintenanceStaticResourceAccessRule(MaintenanceProperties properties,
			ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
		return new StaticResourceAccessRule(properties.getAllow().isStaticResources(),
				() -> MaintenanceReactiveHandlerPaths.handlerMethods(handlerMappings));
	}

	@Bean
	@ConditionalOnMissingBean
	AllowInReadOnlyAccessRule maintenanceAllowInReadOnlyAccessRule(
			ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
		return new AllowInReadOnlyAccessRule(() -> MaintenanceReactiveHandlerPaths.handlerMethods(handlerMappings));
	}

	/**
	 * The name of the application's session cookie, from its {@code WebSessionManager},
	 * read on first use.
	 */
	private static final class SessionCookieName implements Supplier<@Nullable String> {

		private final ApplicationContext applicationContext;

		private volatile @Nullable String name;

		private volatile boolean resolved;

		SessionCookieName(ApplicationContext applicationContext) {
			this.applicationContext = applicationContext;
		}

		@Override
		public @Nullable String get() {
			if (!this.resolved) {
				this.name = MaintenanceReactiveHandlerPaths.sessionCookieName(this.applicationContext);
				this.resolved = true;
			}
			return this.name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.security.core.context.ReactiveSecurityContextHolder",
			"org.springframework.security.web.server.WebFilterChainProxy" })
	static class RoleAccessConfiguration {

		/**
		 * Decides again, right after Spring Security's filter chain, the requests that
		 * only a role could admit, so that every kind of login counts. Linked to the
		 * maintenance filter only when that one runs first.
		 */
		@Bean
		@ConditionalOnBean(WebFilterChainProxy.class)
		MaintenanceRoleWebFilter maintenanceRoleWebFilter(MaintenanceMode maintenanceMode, RoleAccessRule roles,
				ReactiveMaintenanceResponseWriter responseWriter,
				ObjectProvider<MaintenanceWebFilter> maintenanceFilter, ConfigurableListableBeanFactory beanFactory) {
			int securityOrder = securityOrder(beanFactory);
			MaintenanceWebFilter first = maintenanceFilter.getIfUnique();
			MaintenanceDecider decider = (first != null) ? first.getDecider()
					: new MaintenanceDecider(new ExemptPaths(List::of), new MaintenanceAccessPolicy(List.of()),
							responseWriter.responses(), null);
			MaintenanceRoleWebFilter filter = new MaintenanceRoleWebFilter(maintenanceMode, roles, decider,
					responseWriter, securityOrder + 1);
			if (first != null && first.getOrder() < securityOrder) {
				first.getDecider().setDeferredDecision(filter);
			}
			return filter;
		}

		private static int securityOrder(ConfigurableListableBeanFactory beanFactory) {
			for (String name : beanFactory.getBeanNamesForType(WebFilterChainProxy.class, false, false)) {
				Order order = beanFactory.findAnnotationOnBean(name, Order.class);
				if (order != null) {
					return order.value();
				}
			}
			return DEFAULT_SECURITY_ORDER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(MaintenanceEndpoint.class)
	static class WriteRequestConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveMaintenanceWriteRequestFilter maintenanceReactiveWriteRequestFilter(
				ApplicationContext applicationContext) {
			return new ReactiveMaintenanceWriteRequestFilter(applicationContext,
					(context) -> MaintenanceReactiveHandlerPaths.endpointPath(context, "maintenance"));
		}

	}

}
