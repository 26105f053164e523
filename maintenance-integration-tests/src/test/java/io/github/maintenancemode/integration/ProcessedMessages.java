package io.github.maintenancemode.integration;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What a message listener of the tests has processed, a few milliseconds per message,
 * idempotently: an id seen before is counted as a duplicate and not processed again.
 */
class ProcessedMessages {

	private static final Duration WORK = Duration.ofMillis(3);

	final Map<String, Boolean> processed = new ConcurrentHashMap<>();

	final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	final AtomicInteger duplicates = new AtomicInteger();

	final AtomicInteger duringMaintenance = new AtomicInteger();

	/**
	 * Set by the test while maintenance is on and what was in flight when it began has
	 * finished: nothing may start then.
	 */
	final AtomicBoolean maintenanceSettled = new AtomicBoolean();

	/**
	 * Process the message with this id.
	 * @param id the message's id
	 */
	void process(String id) {
		if (this.maintenanceSettled.get()) {
			this.duringMaintenance.incrementAndGet();
		}
		this.inFlight.add(id);
		try {
			// the listener's work, which takes a while: maintenance often begins while a
			// message is being processed
			LockSupport.parkNanos(WORK.toNanos());
			if (this.processed.putIfAbsent(id, Boolean.TRUE) != null) {
				this.duplicates.incrementAndGet();
			}
		}
		finally {
			this.inFlight.remove(id);
		}
	}

}
