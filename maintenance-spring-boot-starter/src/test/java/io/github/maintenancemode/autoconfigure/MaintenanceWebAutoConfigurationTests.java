package io.github.maintenancemode.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.IpAddressAccessRule;
import io.github.maintenancemode.web.MaintenanceAccessPolicy;
import io.github.maintenancemode.web.MaintenanceAccessRule;
import io.github.maintenancemode.web.MaintenanceMessages;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import io.github.maintenancemode.web.MaintenanceRequest;
import io.github.maintenancemode.web.PathAccessRule;
import io.github.maintenancemode.web.TestRequests;
import io.github.maintenancemode.web.servlet.MaintenanceFilter;
import io.github.maintenancemode.web.servlet.MaintenanceResponseWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaintenanceWebAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MaintenanceWebAutoConfigurationTests {

	private static final String FORWARDED_WARNING = "server.forward-headers-strategy is not set";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class,
				MaintenanceWebAutoConfiguration.class, ThymeleafAutoConfiguration.class));

	@Test
	void forwardedHeadersStrategyIsTakenFromTheServersSettings(CapturedOutput output) {
		MaintenanceState on = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null, null, null, 1);
		MaintenanceRequest forwarded = TestRequests.to("/").header("X-Forwarded-For", "10.0.0.1").build();
		this.runner.withPropertyValues("maintenance.allow.ip-addresses=10.0.0.0/8")
			.withBean(ServerProperties.class, () -> {
				ServerProperties server = new ServerProperties();
				server.setForwardHeadersStrategy(ServerProperties.ForwardHeadersStrategy.NATIVE);
				return server;
			})
			.run((context) -> context.getBean(IpAddressAccessRule.class).admits(forwarded, on));
		assertThat(output).doesNotContain(FORWARDED_WARNING);
		this.runner.withPropertyValues("maintenance.allow.ip-addresses=10.0.0.0/8")
			.run((context) -> context.getBean(IpAddressAccessRule.class).admits(forwarded, on));
		assertThat(output).contains(FORWARDED_WARNING);
	}

	@Test
	void registersTheFilterNearTheHighestPrecedence() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MaintenanceResponseWriter.class)
				.hasSingleBean(MaintenanceAccessPolicy.class)
				.hasSingleBean(PathAccessRule.class);
			FilterRegistrationBean<?> registration = context.getBean("maintenanceFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(MaintenanceFilter.class);
			assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 10);
		});
	}

	@Test
	void filterOrderIsConfigurable() {
		this.runner.withPropertyValues("maintenance.filter.order=-50")
			.run((context) -> assertThat(
					context.getBean("maintenanceFilterRegistration", FilterRegistrationBean.class).getOrder())
				.isEqualTo(-50));
	}

	@Test
	void filterCanBeSwitchedOff() {
		this.runner.withPropertyValues("maintenance.filter.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("maintenanceFilterRegistration")
				.doesNotHaveBean(MaintenanceResponseWriter.class));
	}

	@Test
	void noFilterOutsideAServletApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class,
					MaintenanceWebAutoConfiguration.class, ThymeleafAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("maintenanceFilterRegistration"));
	}

	@Test
	void applicationRulesJoinThePolicyAfterTheBuiltInOnes() {
		MaintenanceAccessRule everyone = (request, state) -> true;
		this.runner.withBean("everyone", MaintenanceAccessRule.class, () -> everyone).run((context) -> {
			assertThat(context.getBeansOfType(MaintenanceAccessRule.class)).hasSize(9);
			MaintenanceAccessPolicy policy = context.getBean(MaintenanceAccessPolicy.class);
			MaintenanceState on = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null, null, null,
					1);
			assertThat(policy.admits(TestRequests.get("/any"), on)).isTrue();
		});
	}

	@Test
	void backsOffForAUserDefinedResponseWriter() {
		this.runner.withUserConfiguration(CustomWriterConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(MaintenanceResponseWriter.class)
				.hasBean("customWriter"));
	}

	@Test
	void invalidIpAddressFailsStartupNamingTheEntry() {
		this.runner.withPropertyValues("maintenance.allow.ip-addresses=10.0.0.0/8,10.0.0.256")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("maintenance.allow.ip-addresses")
				.hasStackTraceContaining("'10.0.0.256' is not an IP address or CIDR range"));
	}

	@Test
	void invalidJsonPathFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("maintenance.response.json-paths=/api/**,/api/{id")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("maintenance.response.json-paths")
				.hasStackTraceContaining("'/api/{id' is not a valid path pattern"));
	}

	@Test
	void relativeProblemTypeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("maintenance.response.problem-type=maintenance")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("maintenance.response.problem-type")
				.hasStackTraceContaining("'maintenance' is not an absolute URI"));
	}

	@Test
	void invalidHostFailsStartupNamingTheEntry() {
		this.runner.withPropertyValues("maintenance.allow.hosts=staff.example.com/admin")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("maintenance.allow.hosts")
				.hasStackTraceContaining("'staff.example.com/admin' is not a host name"));
	}

	@Test
	void shortBypassSecretFailsStartup() {
		this.runner.withPropertyValues("maintenance.bypass.secret=short")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("maintenance.bypass.secret")
				.hasStackTraceContaining("must be at least 16 characters")
				.satisfies((failure) -> assertThat(failure).hasStackTraceContaining("(hidden)"))
				.satisfies((failure) -> assertThat(failure.toString()).doesNotContain("'short'")));
	}

	@Test
	void nonPositiveCookieLifetimeAndNegativeGracePeriodFailStartupNamingTheProperty() {
		this.runner.withPropertyValues("maintenance.bypass.cookie-max-age=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("maintenance.bypass.cookie-max-age"));
		this.runner.withPropertyValues("maintenance.drain.grace-period=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("maintenance.drain.grace-period"));
	}

	@Test
	void rolesWithoutSpringSecurityFailStartup() {
		this.runner.withPropertyValues("maintenance.allow.roles=STAFF")
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("maintenance.allow.roles needs Spring Security"));
	}

	@Test
	void rulesAreAskedInTheirDocumentedOrder() {
		this.runner.run((context) -> assertThat(context.getBeanProvider(MaintenanceAccessRule.class).orderedStream())
			.extracting((rule) -> rule.getClass().getSimpleName())
			.containsExactly("StaticResourceAccessRule", "PathAccessRule", "IpAddressAccessRule", "HostAccessRule",
					"BypassCookieAccessRule", "RoleAccessRule", "AllowInReadOnlyAccessRule", "DrainGraceAccessRule"));
	}

	@Test
	void invalidStatusFailsStartup() {
		this.runner.withPropertyValues("maintenance.response.status=200")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("maintenance.response.status")
				.hasMessageContaining("4xx or 5xx"));
	}

	@Test
	void invalidRedirectUrlFailsStartup() {
		this.runner.withPropertyValues("maintenance.response.redirect-url=javascript:alert(1)")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("maintenance.response.redirect-url")
				.hasMessageContaining("javascript:alert(1)"));
	}

	@Test
	void invalidAllowedPathFailsStartup() {
		this.runner.withPropertyValues("maintenance.allow.paths=/a/**/b")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("maintenance.allow.paths")
				.hasStackTraceContaining("'/a/**/b' is not a valid path pattern"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomWriterConfiguration {

		@Bean
		MaintenanceResponseWriter customWriter(MaintenancePageRenderer renderer) {
			return new MaintenanceResponseWriter(renderer, new MaintenanceMessages(null), Clock.systemUTC(),
					Duration.ofMinutes(1), 503, null);
		}

	}

}
