package io.github.maintenancemode;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the work in flight in this instance: requests admitted to the application,
 * annotated scheduled jobs and consumed messages still running. Maintenance is quiescent
 * when it is on and both counts are zero. Also knows which message consumers are paused.
 */
public class MaintenanceActivity {

	private final LongAdder inFlightRequests = new LongAdder();

	private final LongAdder runningJobs = new LongAdder();

	private final Set<String> pausedConsumers = new ConcurrentSkipListSet<>();

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

	/**
	 * Record that a message consumer is paused for maintenance.
	 * @param name the consumer's name, such as a listener id
	 */
	public void consumerPaused(String name) {
		this.pausedConsumers.add(name);
	}

	/**
	 * Record that a message consumer paused for maintenance consumes again.
	 * @param name the consumer's name, such as a listener id
	 */
	public void consumerResumed(String name) {
		this.pausedConsumers.remove(name);
	}

	/**
	 * Return the names of the message consumers paused for maintenance, sorted.
	 * @return the paused consumers
	 */
	public List<String> pausedConsumers() {
		return List.copyOf(this.pausedConsumers);
	}

}
