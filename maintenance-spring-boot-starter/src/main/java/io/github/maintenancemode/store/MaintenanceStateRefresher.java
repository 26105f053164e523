package io.github.maintenancemode.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.support.DaemonThreads;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps {@link MaintenanceMode} in step with a shared store: subscribes to the store's
 * change notifications and re-reads it at the store's poll interval, on a daemon thread
 * of its own so that the request path never waits on the store.
 */
public class MaintenanceStateRefresher implements SmartLifecycle {

	private final MaintenanceStoreSync storeSync;

	private final MaintenanceStateStore store;

	private @Nullable ScheduledExecutorService executor;

	private boolean running;

	public MaintenanceStateRefresher(MaintenanceMode maintenanceMode, MaintenanceStateStore store) {
		this.storeSync = new MaintenanceStoreSync(maintenanceMode);
		this.store = store;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.store.subscribe(this.storeSync::changed);
		Duration interval = this.store.pollInterval();
		if (interval != null && this.executor == null) {
			ScheduledExecutorService executor = Executors
				.newSingleThreadScheduledExecutor(DaemonThreads.named("maintenance-state-refresher"));
			long millis = Math.max(1, interval.toMillis());
			executor.scheduleWithFixedDelay(this.storeSync::refresh, millis, millis, TimeUnit.MILLISECONDS);
			this.executor = executor;
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
		this.running = false;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

}
