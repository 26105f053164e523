package io.github.maintenancemode.scheduling;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.github.maintenancemode.MaintenanceModeChangedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs once, as soon as maintenance ends, each {@code @SkipInMaintenance(catchUp = true)}
 * job that was skipped while it was on. The run goes through the job's proxy, so it is
 * counted as a running job like any other, on a thread of its own so that the change of
 * state never waits on a job. A job never runs twice at once: every run of a catch-up job
 * holds its lock, and a catch-up finding the job running already is dropped, since that
 * run does the work.
 */
public class SkippedJobCatchUp implements ApplicationListener<MaintenanceModeChangedEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(SkippedJobCatchUp.class);

	private final Map<Job, Boolean> pending = new ConcurrentHashMap<>();

	private final Map<Job, ReentrantLock> locks = new ConcurrentHashMap<>();

	private final ExecutorService executor;

	/**
	 * Create the catch-up, with its thread.
	 */
	public SkippedJobCatchUp() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("maintenance-catch-up-");
		threads.setDaemon(true);
		this.executor = Executors.newSingleThreadExecutor(threads);
	}

	/**
	 * Remember a skipped job.
	 * @param proxy the job's bean (its proxy)
	 * @param method the scheduled method
	 */
	void skipped(Object proxy, Method method) {
		this.pending.put(new Job(proxy, method), Boolean.TRUE);
	}

	/**
	 * Return the lock that every run of a catch-up job holds.
	 * @param proxy the job's bean (its proxy)
	 * @param method the scheduled method
	 * @return the lock
	 */
	Lock lockFor(Object proxy, Method method) {
		return this.locks.computeIfAbsent(new Job(proxy, method), (job) -> new ReentrantLock());
	}

	/**
	 * Return how many jobs wait to catch up.
	 * @return the number of pending jobs
	 */
	public int pendingJobs() {
		return this.pending.size();
	}

	@Override
	public void onApplicationEvent(MaintenanceModeChangedEvent event) {
		if (!event.isToggle() || event.getCurrent().enabled()) {
			return;
		}
		Iterator<Job> jobs = this.pending.keySet().iterator();
		while (jobs.hasNext()) {
			Job job = jobs.next();
			jobs.remove();
			this.executor.execute(() -> run(job));
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private void run(Job job) {
		ReentrantLock lock = this.locks.computeIfAbsent(job, (key) -> new ReentrantLock());
		if (!lock.tryLock()) {
			logger.debug("Catch-up of " + job.method().getName() + " dropped: the job is running already");
			return;
		}
		try {
			job.method().invoke(job.proxy());
		}
		catch (InvocationTargetException ex) {
			logger.error("Catch-up run of " + job.method().getName() + " failed", ex.getTargetException());
		}
		catch (IllegalAccessException ex) {
			logger.error("Catch-up run of " + job.method().getName() + " is not accessible", ex);
		}
		finally {
			lock.unlock();
		}
	}

	private record Job(Object proxy, Method method) {

	}

}
