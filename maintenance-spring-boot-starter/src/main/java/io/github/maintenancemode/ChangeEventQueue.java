package io.github.maintenancemode;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The change events and store failures of one {@link MaintenanceMode}, queued while it
 * holds its store access, in the order the store made the changes, and published once it
 * is released, so that no listener runs under it.
 * <p>
 * One thread publishes at a time, in the order the events were queued, and a caller
 * returns only once the events of its change were delivered. A change made by a listener
 * is queued behind the event being delivered, never delivered inside it. A listener that
 * fails is logged and the others still hear of the change, so that a failing listener
 * neither stops the polling nor fails a change already stored.
 */
final class ChangeEventQueue {

	private static final Log logger = LogFactory.getLog(MaintenanceMode.class);

	private final ApplicationEventPublisher eventPublisher;

	private final Queue<ApplicationEvent> pending = new ConcurrentLinkedQueue<>();

	private final ReentrantLock publishing = new ReentrantLock();

	ChangeEventQueue(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	void add(ApplicationEvent event) {
		this.pending.add(event);
	}

	/**
	 * Publish the queued events, called once the store access is released.
	 */
	void publish() {
		if (this.publishing.isHeldByCurrentThread()) {
			// a listener made a change: the loop below, further up this thread's stack,
			// delivers it once the current event was delivered
			return;
		}
		while (!this.pending.isEmpty()) {
			this.publishing.lock();
			try {
				ApplicationEvent event;
				while ((event = this.pending.poll()) != null) {
					publish(event);
				}
			}
			finally {
				this.publishing.unlock();
			}
		}
	}

	private void publish(ApplicationEvent event) {
		try {
			this.eventPublisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			String what = (event instanceof MaintenanceModeChangedEvent change)
					? "the maintenance change to '" + change.getCurrent().describe() + "'"
					: "a failure of the maintenance state store";
			logger.warn("A listener failed on " + what + ": " + ex, ex);
		}
	}

}
