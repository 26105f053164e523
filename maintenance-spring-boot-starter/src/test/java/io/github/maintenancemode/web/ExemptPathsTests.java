package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.web.ExemptPaths.Exemption;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExemptPaths}, with patterns like those the actuator registers.
 */
class ExemptPathsTests {

	private final ExemptPaths paths = new ExemptPaths(
			() -> patterns("/actuator", "/actuator/health", "/actuator/health/**", "/actuator/maintenance"));

	private static List<PathPattern> patterns(String... patterns) {
		return List.of(patterns).stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	@Test
	void mappedEndpointPathsAreExempt() {
		assertThat(this.paths.exemptionOf("GET", "/actuator", 0)).isEqualTo(Exemption.PASS);
		assertThat(this.paths.exemptionOf("GET", "/actuator/health/liveness", 0)).isEqualTo(Exemption.PASS);
		assertThat(this.paths.exemptionOf("DELETE", "/actuator/maintenance", 0)).isEqualTo(Exemption.PASS);
	}

	@Test
	void pathsUnderTheBasePathThatNoEndpointMapsAreNotExempt() {
		// an application's catch-all mapping would take them
		assertThat(this.paths.exemptionOf("POST", "/actuator/notes", 0)).isEqualTo(Exemption.NONE);
		assertThat(this.paths.exemptionOf("GET", "/actuatorx", 0)).isEqualTo(Exemption.NONE);
		assertThat(this.paths.exemptionOf("GET", "/api/actuator", 0)).isEqualTo(Exemption.NONE);
	}

	@Test
	void pathIsReadAfterTheContextPathAndServletPrefix() {
		assertThat(this.paths.exemptionOf("GET", "/ctx/app/actuator/health", 8)).isEqualTo(Exemption.PASS);
		assertThat(this.paths.exemptionOf("GET", "/ctx/app/maintenance-assets/status", 8)).isEqualTo(Exemption.STATUS);
		assertThat(this.paths.exemptionOf("GET", "/actuator/health", -1)).isEqualTo(Exemption.NONE);
	}

	@Test
	void nonCanonicalUrisAreNeverExempt() {
		for (String trick : List.of("/actuator/health/../../api/notes", "/actuator/health/..;/..;/api/notes",
				"/actuator/health;x", "/actuator//health", "/actuator/health/%2e%2e/%2e%2e/api", "/actuator/%252e",
				"/actuator/health%2F..%2F..%2Fapi", "/actuator/health\\..\\api", "/maintenance-assets/../api/notes")) {
			assertThat(this.paths.exemptionOf("GET", trick, 0)).as(trick).isEqualTo(Exemption.NONE);
		}
	}

	@Test
	void pageAssetsAreExemptForSafeMethodsOnly() {
		assertThat(this.paths.exemptionOf("GET", "/maintenance-assets/logo.svg", 0)).isEqualTo(Exemption.PASS);
		assertThat(this.paths.exemptionOf("HEAD", "/maintenance-assets/logo.svg", 0)).isEqualTo(Exemption.PASS);
		assertThat(this.paths.exemptionOf("POST", "/maintenance-assets/logo.svg", 0)).isEqualTo(Exemption.NONE);
	}

	@Test
	void withoutActuatorMappingsOnlyTheAssetsAreExempt() {
		ExemptPaths none = new ExemptPaths(List::of);
		assertThat(none.exemptionOf("GET", "/actuator/health", 0)).isEqualTo(Exemption.NONE);
		assertThat(none.exemptionOf("GET", "/maintenance-assets/status", 0)).isEqualTo(Exemption.STATUS);
	}

}
