package io.github.maintenancemode.support;

import java.util.concurrent.ThreadFactory;

/**
 * Names the background threads of the starter and makes them daemons, so that none of
 * them keeps a stopping application alive.
 */
public final class DaemonThreads {

	private DaemonThreads() {
	}

	/**
	 * Return a factory of daemon threads with the given name.
	 * @param name the thread name
	 * @return the factory
	 */
	public static ThreadFactory named(String name) {
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
