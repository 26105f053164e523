package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HostAccessRule} at the edges of what an entry and a header may hold.
 */
class HostAccessRuleTests {

	private static final MaintenanceState ON = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null,
			null, null, 1);

	@Test
	void entriesWithTheFirstAndLastLettersDigitsAndTheHighestPortAreValid() {
		HostAccessRule rule = new HostAccessRule(List.of("az09-.example:65535", "z.example", "a0.example:0"));
		assertThat(rule.admits(host("AZ09-.EXAMPLE:65535"), ON)).isTrue();
		assertThat(rule.admits(host("az09-.example:65534"), ON)).isFalse();
		assertThat(rule.admits(host("Z.example:8080"), ON)).as("an entry without a port matches any port").isTrue();
		assertThat(rule.admits(host("z.example"), ON)).isTrue();
		assertThat(rule.admits(host("z.exampl"), ON)).isFalse();
		assertThat(rule.admits(host("z.examplex"), ON)).isFalse();
		assertThat(rule.admits(host("A0.EXAMPLE:0"), ON)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "staff.example:65536", "staff.example:123456", "staff.example:", "staff_example",
			"staff.example.", ".staff.example", "staff.example:-1", "@staff.example", "staff.example:8o80", "" })
	void invalidEntriesAreRefusedNamingThem(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> new HostAccessRule(List.of(entry)))
			.withMessageContaining("'" + entry + "'");
	}

	@Test
	void onlyAsciiLettersAreFoldedInTheHeader() {
		HostAccessRule rule = new HostAccessRule(List.of("az.example"));
		assertThat(rule.admits(host("AZ.EXAMPLE"), ON)).isTrue();
		assertThat(rule.admits(host("@z.example"), ON)).as("'@' is 'A' minus one").isFalse();
		assertThat(rule.admits(host("[z.example"), ON)).as("'[' is 'Z' plus one").isFalse();
	}

	private static MaintenanceRequest host(String host) {
		return TestRequests.to("/").header("Host", host).build();
	}

}
