package io.github.maintenancemode.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.maintenancemode.MaintenanceState;

import org.springframework.core.Ordered;

/**
 * Lets requests of HTTP sessions that existed before maintenance began continue until
 * {@code maintenance.drain.grace-period} after its start, so that visitors in the middle
 * of something can finish it, while new visitors get the page.
 */
public class DrainGraceAccessRule implements MaintenanceAccessRule, Ordered {

	/**
	 * The order of this rule.
	 */
	public static final int ORDER = 700;

	private final long graceMillis;

	private final Clock clock;

	public DrainGraceAccessRule(Duration gracePeriod, Clock clock) {
		if (gracePeriod.isNegative()) {
			throw new IllegalArgumentException("the grace period must not be negative");
		}
		this.graceMillis = gracePeriod.toMillis();
		this.clock = clock;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean admits(MaintenanceRequest request, MaintenanceState state) {
		Instant since = state.since();
		if (this.graceMillis == 0 || since == null) {
			return false;
		}
		long start = since.toEpochMilli();
		if (this.clock.millis() >= start + this.graceMillis) {
			return false;
		}
		long created = request.sessionCreationTime();
		return created >= 0 && created < start;
	}

}
