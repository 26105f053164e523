package io.github.maintenancemode;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the work in flight in this instance: requests admitted to the application and
 * annotated scheduled jobs still running. Maintenance is quiescent when it is on and both
 * are zero.
 */
public class MaintenanceActivity {

	private final LongAdder inFlightRequests = new LongAdder();

	private final LongAdder runningJobs = new LongAdder();

	public void requestStarted() {
		this.inFlightRequests.increment();
	}

	public void requestFinished() {
		this.inFlightRequests.decrement();
	}

	public void jobStarted() {
		this.runningJobs.increment();
	}

	public void jobFinished() {
		this.runningJobs.decrement();
	}

	public long inFlightRequests() {
		return this.inFlightRequests.sum();
	}

	public long runningJobs() {
		return this.runningJobs.sum();
	}

}
