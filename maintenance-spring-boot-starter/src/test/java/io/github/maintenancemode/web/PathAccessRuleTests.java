package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PathAccessRule}.
 */
class PathAccessRuleTests {

	private final PathAccessRule rule = new PathAccessRule(List.of("/login", "/static/**", "/api/{id}/status"));

	@Test
	void admitsExactPath() {
		assertThat(admits("/login")).isTrue();
		// like Spring MVC since 6.0, no implicit trailing slash
		assertThat(admits("/login/")).isFalse();
		assertThat(admits("/loginx")).isFalse();
		assertThat(admits("/LOGIN")).isFalse();
	}

	@Test
	void admitsPathsBelowAWildcard() {
		assertThat(admits("/static/app.css")).isTrue();
		assertThat(admits("/static/img/logo.png")).isTrue();
		assertThat(admits("/static")).isTrue();
		assertThat(admits("/staticx/app.css")).isFalse();
	}

	@Test
	void admitsPathVariables() {
		assertThat(admits("/api/42/status")).isTrue();
		assertThat(admits("/api/42/other")).isFalse();
	}

	@Test
	void refusesOtherPaths() {
		assertThat(admits("/")).isFalse();
		assertThat(admits("/api/notes")).isFalse();
	}

	@Test
	void noPatternsAdmitNothing() {
		assertThat(new PathAccessRule(List.of()).admits(request("/login"), MaintenanceState.INITIAL)).isFalse();
	}

	@Test
	void invalidPatternIsRejectedWithItsName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PathAccessRule(List.of("/a/**/b")))
			.withMessageContaining("'/a/**/b' is not a valid path pattern");
	}

	private boolean admits(String path) {
		return this.rule.admits(request(path), MaintenanceState.INITIAL);
	}

	static MaintenanceRequest request(String path) {
		return TestRequests.get(path);
	}

}
