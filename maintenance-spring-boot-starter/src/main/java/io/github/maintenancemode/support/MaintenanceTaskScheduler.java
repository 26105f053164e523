package io.github.maintenancemode.support;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler that the starter's periodic work runs on: the re-reads of a shared store
 * and the planned windows' ticks. It is built with Boot's
 * {@link ThreadPoolTaskSchedulerBuilder}, so the application's scheduler customizers
 * apply, on two daemon threads named {@code maintenance-N}, so that a store that hangs
 * holds up one of the two tasks only and no thread keeps a stopping application alive; a
 * stop does not wait for a store call in progress.
 * <p>
 * It is not itself a {@link TaskScheduler} bean on purpose: one would take the place of
 * the scheduler Boot gives the application's own {@code @Scheduled} methods.
 */
public final class MaintenanceTaskScheduler implements DisposableBean {

	private static final int THREADS = 2;

	private final ThreadPoolTaskScheduler scheduler;

	/**
	 * Create and start the scheduler.
	 * @param builder the application's builder, or a new one
	 */
	public MaintenanceTaskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		this.scheduler = builder.poolSize(THREADS).threadNamePrefix("maintenance-").awaitTermination(false).build();
		this.scheduler.setDaemon(true);
		this.scheduler.initialize();
	}

	/**
	 * Return the scheduler to run the starter's tasks on.
	 * @return the scheduler
	 */
	public TaskScheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdown();
	}

}
