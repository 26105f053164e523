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

	/**
	 * A request was admitted to the application.
	 */
	public void requestStarted() {
		this.inFlightRequests.increment();
	}

	/**
	 * An admitted request completed (asynchronous ones when their response completes).
	 */
	public void requestFinished() {
		this.inFlightRequests.decrement();
	}

	/**
	 * An annotated job began to run.
	 */
	public void jobStarted() {
		this.runningJobs.increment();
	}

	/**
	 * An annotated job ended, normally or not.
	 */
	public void jobFinished() {
		this.runningJobs.decrement();
	}

	/**
	 * Return how many admitted requests are still running.
	 * @return the count
	 */
	public long inFlightRequests() {
		return this.inFlightRequests.sum();
	}

	/**
	 * Return how many annotated jobs are still running.
	 * @return the count
	 */
	public long runningJobs() {
		return this.runningJobs.sum();
	}

}
