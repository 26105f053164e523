package io.github.maintenancemode.autoconfigure;

import io.github.maintenancemode.actuate.ReactiveMaintenanceWriteRequestFilter;
import io.github.maintenancemode.web.reactive.MaintenanceRoleWebFilter;
import io.github.maintenancemode.web.reactive.MaintenanceWebFilter;
import io.github.maintenancemode.web.servlet.MaintenanceFilter;
import io.github.maintenancemode.web.servlet.MaintenanceResponseWriter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.server.WebFilterChainProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaintenanceReactiveWebAutoConfiguration}.
 */
class MaintenanceReactiveWebAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class,
				MaintenanceWebAutoConfiguration.class, MaintenanceReactiveWebAutoConfiguration.class));

	@Test
	void aReactiveApplicationGetsTheWebFilterAtTheFiltersOrderAndNoServletFilter() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MaintenanceWebFilter.class)
				.doesNotHaveBean(MaintenanceFilter.class)
				.doesNotHaveBean(MaintenanceResponseWriter.class)
				.doesNotHaveBean(MaintenanceRoleWebFilter.class);
			assertThat(context.getBean(MaintenanceWebFilter.class).getOrder())
				.isEqualTo(Ordered.HIGHEST_PRECEDENCE + 10);
		});
		this.runner.withPropertyValues("maintenance.filter.order=5")
			.run((context) -> assertThat(context.getBean(MaintenanceWebFilter.class).getOrder()).isEqualTo(5));
	}

	@Test
	void aServletApplicationGetsNoWebFilter() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class,
					MaintenanceWebAutoConfiguration.class, MaintenanceReactiveWebAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(MaintenanceFilter.class)
				.doesNotHaveBean(MaintenanceWebFilter.class)
				.doesNotHaveBean(ReactiveMaintenanceWriteRequestFilter.class));
	}

	@Test
	void theFilterCanBeSwitchedOff() {
		this.runner.withPropertyValues("maintenance.filter.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceWebFilter.class));
	}

	@Test
	void withoutSpringSecurityThereIsNoRoleFilter() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MaintenanceWebFilter.class)
				.doesNotHaveBean(MaintenanceRoleWebFilter.class));
	}

	@Test
	void theRoleFilterRunsRightAfterSpringSecuritysChain() {
		this.runner.withUserConfiguration(SecurityChain.class)
			.withPropertyValues("maintenance.allow.roles=STAFF")
			.run((context) -> assertThat(context.getBean(MaintenanceRoleWebFilter.class).getOrder()).isEqualTo(-49));
	}

	static class SecurityChain {

		@Bean
		@Order(-50)
		WebFilterChainProxy springSecurityWebFilterChainFilter() {
			return new WebFilterChainProxy();
		}

	}

}
