package io.github.maintenancemode.web;

import java.time.Duration;
import java.time.Instant;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact boundaries of the time-based rules, to the second and the millisecond.
 */
class AccessRuleBoundaryTests {

	private static final Instant SINCE = Instant.parse("2026-12-01T01:00:00Z");

	private final MutableClock clock = new MutableClock(SINCE);

	private final MaintenanceState on = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, SINCE, null, null,
			null, 1);

	@Test
	void cookieIssuedNowUnderTheCurrentMaxAgeIsValidAndOneSecondLongerThanTheSkewIsNot() {
		BypassCookieAccessRule rule = new BypassCookieAccessRule("boundary-secret-of-16+", Duration.ofHours(1),
				this.clock);
		assertThat(rule.isValidCookie(rule.issueCookieValue())).isTrue();
		BypassCookieAccessRule withinSkew = new BypassCookieAccessRule("boundary-secret-of-16+",
				Duration.ofHours(1).plusSeconds(BypassCookieAccessRule.CLOCK_SKEW_SECONDS), this.clock);
		assertThat(rule.isValidCookie(withinSkew.issueCookieValue())).isTrue();
		BypassCookieAccessRule longer = new BypassCookieAccessRule("boundary-secret-of-16+",
				Duration.ofHours(1).plusSeconds(BypassCookieAccessRule.CLOCK_SKEW_SECONDS + 1), this.clock);
		assertThat(rule.isValidCookie(longer.issueCookieValue())).isFalse();
		String valid = rule.issueCookieValue();
		this.clock.advance(Duration.ofHours(1).minusSeconds(1));
		assertThat(rule.isValidCookie(valid)).isTrue();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(rule.isValidCookie(valid)).as("at its expiry").isFalse();
	}

	@Test
	void drainGraceEndsExactlyAtItsEndAndAdmitsOnlySessionsFromBefore() {
		DrainGraceAccessRule rule = new DrainGraceAccessRule(Duration.ofMinutes(5), this.clock);
		long before = SINCE.toEpochMilli() - 1;
		this.clock.set(SINCE.plus(Duration.ofMinutes(5)).minusMillis(1));
		assertThat(rule.admits(session(before), this.on)).isTrue();
		assertThat(rule.admits(session(SINCE.toEpochMilli()), this.on)).as("created when maintenance began").isFalse();
		assertThat(rule.admits(session(-1), this.on)).as("no session").isFalse();
		this.clock.set(SINCE.plus(Duration.ofMinutes(5)));
		assertThat(rule.admits(session(before), this.on)).as("at the end of the grace period").isFalse();
	}

	private static MaintenanceRequest session(long createdAt) {
		return TestRequests.to("/").sessionCreatedAt(createdAt).build();
	}

}
