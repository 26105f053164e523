package io.github.maintenancemode.messaging;

import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextStartedEvent;

/**
 * Pauses listener containers by stopping them with {@link SmartLifecycle#stop(Runnable)},
 * which lets the message in progress finish, and starts them again when maintenance ends.
 * A stopping container counts as a running job until its callback runs. A container that
 * would start during maintenance is held instead: it does not start automatically until
 * maintenance ends. When the application's lifecycle starts again after a stop (Spring's
 * {@code restart()}, or {@code stop()} and {@code start()}), the registry starts every
 * container, paused or not: a paused container is then stopped again at once, and
 * subclasses keep it from taking messages meanwhile ({@link #closing},
 * {@link #stoppedForMaintenance}).
 *
 * @param <C> the type of the containers
 */
public abstract class StoppingListenerPauser<C extends SmartLifecycle>
		extends ListenerContainerPauser<C, StoppingListenerPauser.Pause> {

	private static final Log logger = LogFactory.getLog(StoppingListenerPauser.class);

	private final String kind;

	/**
	 * Whether this pauser was started before: its next start is one after a stop of the
	 * application. Guarded by {@code this}.
	 */
	private boolean startedBefore;

	/**
	 * Create a pauser.
	 * @param kind the kind of listener, as the log names it ({@code Rabbit}, {@code JMS})
	 * @param maintenanceMode the switch, looked up when first needed
	 * @param activity where paused consumers and running jobs are recorded
	 * @param policy which listeners pause
	 * @param pauseCounter counts the pauses
	 */
	protected StoppingListenerPauser(String kind, Supplier<MaintenanceMode> maintenanceMode,
			MaintenanceActivity activity, MaintenanceListenerPolicy<?> policy, ConsumerPauseCounter pauseCounter) {
		super(maintenanceMode, activity, policy, pauseCounter);
		this.kind = kind;
	}

	@Override
	protected Class<? extends ApplicationEvent> getContainerEventType() {
		return ContextStartedEvent.class;
	}

	@Override
	protected void onContainerEvent(ApplicationEvent event) {
		startedAgain();
	}

	@Override
	public synchronized void start() {
		super.start();
		this.startedBefore = true;
	}

	@Override
	public synchronized void stop() {
		super.stop();
		// the registry has stopped its containers: those paused for maintenance are
		// kept from starting with the registry's next start
		forEachPause((id, pause) -> {
			C container = getContainer(id);
			if (container != null && !pause.stopping) {
				stoppedForMaintenance(container);
			}
		});
	}

	/**
	 * After a stop of the application, the registry's start starts every container, those
	 * paused for maintenance too: they stop again.
	 */
	private synchronized void startedAgain() {
		forEachPause((id, pause) -> {
			C container = getContainer(id);
			if (container != null && !pause.stopping && consumes(container)) {
				logger.info(this.kind + " listener '" + id + "' was started with the application: maintenance is on");
				stopContainer(id, container, pause);
			}
		});
	}

	@Override
	protected final @Nullable Pause newPause(String id, C container) {
		if (container.isRunning()) {
			return new Pause(false);
		}
		// not started yet: the registry starts it after this phase unless told not to
		if (container.isAutoStartup() && setAutoStartup(container, false)) {
			return new Pause(true);
		}
		// stopped by the application: it stays as it is
		return null;
	}

	@Override
	protected final void pause(String id, C container, Pause pause) {
		closing(container);
		if (pause.heldAtStartup) {
			if (this.startedBefore) {
				// a start after a stop: the registry's start starts every container
				stoppedForMaintenance(container);
			}
			logger.info(this.kind + " listener '" + id + "' stays paused at startup: maintenance is on");
			return;
		}
		stopContainer(id, container, pause);
	}

	private void stopContainer(String id, C container, Pause pause) {
		pause.stopping = true;
		getActivity().jobStarted();
		container.stop(() -> stopped(id, container, pause));
	}

	private synchronized void stopped(String id, C container, Pause pause) {
		pause.stopping = false;
		getActivity().jobFinished();
		logger.info("Paused " + this.kind + " listener '" + id + "' while maintenance is on");
		if (getPause(id) != pause) {
			// maintenance ended while the container was stopping
			restart(id, container);
		}
	}

	@Override
	protected final void resume(String id, C container, Pause pause) {
		opening(container);
		if (pause.heldAtStartup) {
			setAutoStartup(container, true);
		}
		if (!pause.stopping) {
			restart(id, container);
		}
	}

	private void restart(String id, C container) {
		if (!isRunning()) {
			// before the registry's start (it starts the container then) or after the
			// application began to shut down
			return;
		}
		try {
			container.start();
			logger.info("Resumed " + this.kind + " listener '" + id + "' after maintenance");
		}
		catch (RuntimeException ex) {
			logger.warn(this.kind + " listener '" + id + "' failed to resume after maintenance", ex);
		}
	}

	/**
	 * Switch the automatic start of a container on or off.
	 * @param container the container
	 * @param autoStartup whether it starts automatically
	 * @return whether the container could be told
	 */
	protected abstract boolean setAutoStartup(C container, boolean autoStartup);

	/**
	 * Called when a container is about to stop or to be held, before anything else. Does
	 * nothing by default.
	 * @param container the container
	 */
	protected void closing(C container) {
	}

	/**
	 * Called when a container is about to start again, before anything else. Does nothing
	 * by default.
	 * @param container the container
	 */
	protected void opening(C container) {
	}

	/**
	 * Called when the application stops while a container is paused for maintenance, so
	 * that the registry's next start, which starts every container, does not let it take
	 * messages ({@link #opening} undoes it). Does nothing by default.
	 * @param container the container
	 */
	protected void stoppedForMaintenance(C container) {
	}

	/**
	 * Return whether a container that the registry has started takes messages. By
	 * default, whether it is running.
	 * @param container the container
	 * @return whether it takes messages
	 */
	protected boolean consumes(C container) {
		return container.isRunning();
	}

	/**
	 * One container paused for maintenance.
	 */
	public static final class Pause {

		private final boolean heldAtStartup;

		/**
		 * Whether the container is still finishing its message in progress. Guarded by
		 * the pauser.
		 */
		private boolean stopping;

		private Pause(boolean heldAtStartup) {
			this.heldAtStartup = heldAtStartup;
		}

	}

}
