package io.github.maintenancemode.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.maintenancemode.web.BypassCookieAccessRule;
import io.github.maintenancemode.web.DrainGraceAccessRule;
import io.github.maintenancemode.web.HostAccessRule;
import io.github.maintenancemode.web.IpAddressAccessRule;
import io.github.maintenancemode.web.MaintenanceAccessPolicy;
import io.github.maintenancemode.web.MaintenanceAccessRule;
import io.github.maintenancemode.web.MaintenanceAnnouncer;
import io.github.maintenancemode.web.MaintenanceMessages;
import io.github.maintenancemode.web.MaintenanceObservationFilter;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import io.github.maintenancemode.web.MaintenanceProblemEncoder;
import io.github.maintenancemode.web.MaintenanceResponseListener;
import io.github.maintenancemode.web.MaintenanceResponses;
import io.github.maintenancemode.web.PathAccessRule;
import io.github.maintenancemode.web.RoleAccessRule;
import io.micrometer.observation.ObservationFilter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.util.ClassUtils;

/**
 * The access rules, the policy that asks them, the texts and the announcer: the same
 * beans for servlet and reactive applications, imported by the auto-configuration of each
 * stack.
 */
@Configuration(proxyBeanMethods = false)
class MaintenanceAccessConfiguration {

	private static final boolean SERVER_PROPERTIES_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.web.server.autoconfigure.ServerProperties",
			MaintenanceAccessConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	MaintenanceMessages maintenanceMessages(ApplicationContext applicationContext) {
		return new MaintenanceMessages(applicationContext);
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceResponses maintenanceResponses(MaintenancePageRenderer pageRenderer, MaintenanceMessages messages,
			ObjectProvider<Clock> clock, MaintenanceProperties properties,
			ObjectProvider<MaintenanceResponseListener> listener, ObjectProvider<JsonMapper> jsonMapper) {
		int status = properties.getResponse().getStatus();
		String redirectUrl = properties.getResponse().getRedirectUrl();
		boolean statusInRange = status >= 400 && status <= 599;
		MaintenanceResponses responses = configured(
				statusInRange ? "maintenance.response.redirect-url" : "maintenance.response.status",
				statusInRange ? redirectUrl : status, () -> new MaintenanceResponses(pageRenderer, messages,
						clock.getIfAvailable(Clock::systemUTC), properties.getRetryAfter(), status, redirectUrl));
		listener.ifUnique(responses::setListener);
		jsonMapper.ifAvailable((mapper) -> responses.setProblemEncoder(MaintenanceProblemEncoder.of(mapper)));
		String problemType = properties.getResponse().getProblemType();
		configured("maintenance.response.problem-type", problemType, () -> {
			responses.setProblemType(problemType);
			return responses;
		});
		List<String> jsonPaths = properties.getResponse().getJsonPaths();
		configured("maintenance.response.json-paths", String.join(",", jsonPaths), () -> {
			responses.setJsonPaths(jsonPaths);
			return responses;
		});
		return responses;
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

	/**
	 * Create what a property configures, reporting a value it refuses as Spring Boot
	 * reports an invalid property: with its name, its value and why.
	 */
	static <T> T configured(String property, @Nullable Object value, Supplier<T> factory) {
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
	@ConditionalOnClass({ ObservationFilter.class, ServerRequestObservationContext.class })
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MaintenanceObservationFilter maintenanceObservationFilter() {
			return new MaintenanceObservationFilter();
		}

	}

}
