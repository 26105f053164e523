package io.github.maintenancemode.autoconfigure;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.maintenancemode.actuate.MaintenanceEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.EndpointExposureOutcomeContributor;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.IncludeExcludeEndpointFilter;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.ExposableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * Whether the maintenance endpoint is available, decided as
 * {@link ConditionalOnAvailableEndpoint @ConditionalOnAvailableEndpoint} decides it: its
 * access is not {@code none}, and it is exposed over the web, over JMX when JMX is on, or
 * by a platform's contributor (Cloud Foundry).
 */
final class MaintenanceEndpointAvailability {

	static final String NAME = "the maintenance endpoint (management.endpoint.maintenance.access, "
			+ "management.endpoints.web.exposure.include and .exclude)";

	private static final EndpointId ID = EndpointId.of("maintenance");

	private MaintenanceEndpointAvailability() {
	}

	static String of(Environment environment) {
		return isAvailable(environment) ? "available" : "not available";
	}

	private static boolean isAvailable(Environment environment) {
		Access defaultAccess = MergedAnnotations.from(MaintenanceEndpoint.class, SearchStrategy.TYPE_HIERARCHY)
			.get(Endpoint.class)
			.getEnum("defaultAccess", Access.class);
		Access access = new PropertiesEndpointAccessResolver(environment).accessFor(ID, defaultAccess);
		if (access == Access.NONE) {
			return false;
		}
		if (isExposed(environment, EndpointExposure.WEB)) {
			return true;
		}
		if (environment.getProperty("spring.jmx.enabled", Boolean.class, false)
				&& isExposed(environment, EndpointExposure.JMX)) {
			return true;
		}
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnAvailableEndpoint.class);
		Set<EndpointExposure> exposures = EnumSet.allOf(EndpointExposure.class);
		for (EndpointExposureOutcomeContributor contributor : contributors(environment)) {
			ConditionOutcome outcome = contributor.getExposureOutcome(ID, exposures, message);
			if (outcome != null && outcome.isMatch()) {
				return true;
			}
		}
		return false;
	}

	private static boolean isExposed(Environment environment, EndpointExposure exposure) {
		String property = "management.endpoints." + exposure.name().toLowerCase(Locale.ROOT) + ".exposure";
		return new IncludeExcludeEndpointFilter<>(ExposableEndpoint.class, environment, property,
				exposure.getDefaultIncludes())
			.match(ID);
	}

	private static List<EndpointExposureOutcomeContributor> contributors(Environment environment) {
		return new ArrayList<>(SpringFactoriesLoader
			.forDefaultResourceLocation(MaintenanceEndpointAvailability.class.getClassLoader())
			.load(EndpointExposureOutcomeContributor.class, ArgumentResolver.of(Environment.class, environment)));
	}

}
