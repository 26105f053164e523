package io.github.maintenancemode.store;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreSync;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Keeps {@link MaintenanceMode} in step with a shared store: subscribes to the store's
 * change notifications and re-reads it at the store's poll interval, on the scheduler it
 * is given (not on a request thread, so that the request path never waits on the store).
 */
public class MaintenanceStateRefresher implements SmartLifecycle {

	private final MaintenanceStoreSync storeSync;

	private final MaintenanceStateStore store;

	private final TaskScheduler scheduler;

	private @Nullable ScheduledFuture<?> polling;

	private boolean running;

	private boolean subscribed;

	/**
	 * Create a refresher.
	 * @param maintenanceMode the switch to keep in step
	 * @param store its store
	 * @param scheduler where the re-reads run
	 */
	public MaintenanceStateRefresher(MaintenanceMode maintenanceMode, MaintenanceStateStore store,
			TaskScheduler scheduler) {
		this.storeSync = new MaintenanceStoreSync(maintenanceMode);
		this.store = store;
		this.scheduler = scheduler;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		if (!this.subscribed) {
			// once: the subscription outlives a stop, and a second would
			// double every notification
			this.store.subscribe(this.storeSync::changed);
			this.subscribed = true;
		}
		Duration interval = this.store.pollInterval();
		if (interval != null && this.polling == null) {
			Duration delay = (interval.toMillis() > 0) ? interval : Duration.ofMillis(1);
			this.polling = this.scheduler.scheduleWithFixedDelay(this.storeSync::refresh,
					this.scheduler.getClock().instant().plus(delay), delay);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.polling != null) {
			this.polling.cancel(true);
			this.polling = null;
		}
		this.running = false;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

}
