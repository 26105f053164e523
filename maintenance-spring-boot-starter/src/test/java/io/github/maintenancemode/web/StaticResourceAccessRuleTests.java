package io.github.maintenancemode.web;

import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StaticResourceAccessRule}.
 */
class StaticResourceAccessRuleTests {

	private static final MaintenanceState ON = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null,
			null, null, 1);

	private final StaticResourceAccessRule rule = new StaticResourceAccessRule(true, null);

	@Test
	void admitsReadsOfTheCommonLocations() {
		assertThat(this.rule.admits(TestRequests.get("/css/site.css"), ON)).isTrue();
		assertThat(this.rule.admits(TestRequests.get("/js/app/main.js"), ON)).isTrue();
		assertThat(this.rule.admits(TestRequests.get("/images/logo.png"), ON)).isTrue();
		assertThat(this.rule.admits(TestRequests.get("/webjars/bootstrap/5.3.0/css/bootstrap.min.css"), ON)).isTrue();
		assertThat(this.rule.admits(TestRequests.get("/favicon.ico"), ON)).isTrue();
		assertThat(this.rule.admits(TestRequests.get("/favicon.svg"), ON)).isTrue();
		assertThat(this.rule.admits(TestRequests.of("HEAD", "/css/site.css"), ON)).isTrue();
		assertThat(this.rule.admits(TestRequests.get("/apple/icon-180.png"), ON)).isTrue();
	}

	@Test
	void refusesWritesAndOtherPaths() {
		assertThat(this.rule.admits(TestRequests.of("POST", "/css/site.css"), ON)).isFalse();
		assertThat(this.rule.admits(TestRequests.of("DELETE", "/images/logo.png"), ON)).isFalse();
		assertThat(this.rule.admits(TestRequests.get("/cssx/site.css"), ON)).isFalse();
		assertThat(this.rule.admits(TestRequests.get("/api/css/site.css"), ON)).isFalse();
		assertThat(this.rule.admits(TestRequests.get("/"), ON)).isFalse();
		assertThat(this.rule.admits(TestRequests.get("/a/b/icon-1.png"), ON)).isFalse();
		assertThat(this.rule.admits(TestRequests.get("/apple/icon-180.png/x"), ON)).isFalse();
	}

	@Test
	void admitsNothingWhenTurnedOff() {
		StaticResourceAccessRule off = new StaticResourceAccessRule(false, null);
		assertThat(off.admits(TestRequests.get("/css/site.css"), ON)).isFalse();
		assertThat(off.admits(TestRequests.get("/favicon.ico"), ON)).isFalse();
	}

}
