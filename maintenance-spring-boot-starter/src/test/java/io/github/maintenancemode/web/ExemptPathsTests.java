package io.github.maintenancemode.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExemptPaths}.
 */
class ExemptPathsTests {

	@Test
	void actuatorAndItsEndpointsAreExempt() {
		ExemptPaths paths = ExemptPaths.of("/actuator", false);
		assertThat(paths.matches("/actuator")).isTrue();
		assertThat(paths.matches("/actuator/health/liveness")).isTrue();
		assertThat(paths.matches("/actuatorx")).isFalse();
		assertThat(paths.matches("/api/actuator")).isFalse();
		assertThat(paths.matches("/")).isFalse();
	}

	@Test
	void customManagementBasePathIsExempt() {
		ExemptPaths paths = ExemptPaths.of("/manage/", false);
		assertThat(paths.matches("/manage/health")).isTrue();
		assertThat(paths.matches("/actuator/health")).isFalse();
	}

	@Test
	void additionalProbePathsAreExemptOnlyWhenOn() {
		assertThat(ExemptPaths.of("/actuator", true).matches("/livez")).isTrue();
		assertThat(ExemptPaths.of("/actuator", true).matches("/readyz")).isTrue();
		assertThat(ExemptPaths.of("/actuator", false).matches("/livez")).isFalse();
	}

	@Test
	void pageAssetsAreExempt() {
		assertThat(ExemptPaths.of("/actuator", false).matches("/maintenance-assets/logo.svg")).isTrue();
	}

	@Test
	void rootManagementBasePathExemptsNothingElse() {
		ExemptPaths paths = ExemptPaths.of("/", false);
		assertThat(paths.matches("/api/notes")).isFalse();
	}

}
