package io.github.maintenancemode.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.maintenancemode.web.reactive.MaintenanceWebFilter;
import io.github.maintenancemode.web.servlet.MaintenanceFilter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.reactive.AnnotationConfigReactiveWebApplicationContext;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockServletContext;

/**
 * A web application context built by Spring Boot's auto-configuration, as an application
 * that adds the starter gets it, but without a web server: a servlet context on a mock
 * servlet context, or a reactive one. Every auto-configuration on the class path is
 * applied, so the benchmarks measure the very filters, rules and response writer that an
 * application runs.
 */
final class MaintenanceContext implements AutoCloseable {

	/**
	 * Access rules with several entries each; {@link BenchmarkRequests#refused()} matches
	 * none of them. Properties of rules that this build of the starter lacks are ignored.
	 */
	static final Map<String, Object> ACCESS_RULES = Map.ofEntries(
			Map.entry("maintenance.allow.paths", "/api/job-runs,/status/**,/admin/{section}/health,/docs/**"),
			Map.entry("maintenance.allow.ip-addresses",
					"10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,203.0.113.7,2001:db8::/32,fd00::/8"),
			Map.entry("maintenance.allow.hosts", "staff.example.com,admin.example.internal"),
			Map.entry("maintenance.allow.roles", "STAFF,OPERATOR"),
			Map.entry("maintenance.bypass.secret", "benchmark-only-secret-0f9d8c7b6a5e4d3c2b1a"));

	private final ConfigurableApplicationContext context;

	private MaintenanceContext(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start a context with the given properties on top of quiet logging.
	 * @param properties the application's properties
	 * @return the started context
	 */
	static MaintenanceContext start(Map<String, Object> properties) {
		SpringApplication application = new SpringApplicationBuilder(Application.class).web(WebApplicationType.SERVLET)
			.contextFactory((type) -> {
				AnnotationConfigServletWebApplicationContext context = new AnnotationConfigServletWebApplicationContext();
				context.setServletContext(new MockServletContext());
				return context;
			})
			.properties(quiet(properties))
			.build();
		return new MaintenanceContext(application.run());
	}

	/**
	 * Start a reactive context, as a WebFlux application has without its server, with the
	 * given properties on top of quiet logging.
	 * @param properties the application's properties
	 * @return the started context
	 */
	static MaintenanceContext startReactive(Map<String, Object> properties) {
		SpringApplication application = new SpringApplicationBuilder(Application.class).web(WebApplicationType.REACTIVE)
			.contextFactory((type) -> new AnnotationConfigReactiveWebApplicationContext())
			.properties(quiet(properties))
			.build();
		return new MaintenanceContext(application.run());
	}

	private static Map<String, Object> quiet(Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("logging.level.root", "WARN");
		all.put("spring.main.banner-mode", "off");
		all.put("spring.main.log-startup-info", "false");
		all.putAll(properties);
		return all;
	}

	/**
	 * Return the filter that the auto-configuration registered.
	 * @return the maintenance filter
	 * @throws IllegalStateException when the auto-configuration did not register it
	 */
	MaintenanceFilter filter() {
		FilterRegistrationBean<?> registration = this.context.getBean("maintenanceFilterRegistration",
				FilterRegistrationBean.class);
		if (!(registration.getFilter() instanceof MaintenanceFilter filter)) {
			throw new IllegalStateException("maintenanceFilterRegistration holds " + registration.getFilter());
		}
		return filter;
	}

	/**
	 * Return the web filter that the auto-configuration of a reactive context registered.
	 * @return the maintenance web filter
	 */
	MaintenanceWebFilter webFilter() {
		return this.context.getBean(MaintenanceWebFilter.class);
	}

	/**
	 * Return the bean of the given type.
	 * @param <T> the bean type
	 * @param type the bean type
	 * @return the bean
	 */
	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * The application: nothing but auto-configuration, without the database and Redis
	 * that the jar carries for {@link StoreCosts}: the filter's figures are those of an
	 * application on the in-memory store.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
	static class Application {

	}

}
