package io.github.maintenancemode.messaging.jms;

import java.util.Collection;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceModeChangedEvent;
import io.github.maintenancemode.messaging.ConsumerPauseCounter;
import io.github.maintenancemode.messaging.ListenerContainerPauser;
import io.github.maintenancemode.messaging.MaintenanceListenerPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.config.JmsListenerEndpointRegistry;
import org.springframework.jms.listener.AbstractJmsListeningContainer;
import org.springframework.jms.listener.MessageListenerContainer;

/**
 * Stops the listener containers of the {@link JmsListenerEndpointRegistry} when
 * maintenance begins and starts them again when it ends. Stopping lets the message in
 * progress finish; a message that a consumer receives once its container has stopped is
 * rolled back or recovered by the container, not processed, and comes again when
 * maintenance ends. Until the container has stopped, it counts as a running job.
 */
class JmsListenerPauser extends ListenerContainerPauser<MessageListenerContainer, JmsListenerPauser.Pause>
		implements ApplicationListener<MaintenanceModeChangedEvent> {

	private static final Log logger = LogFactory.getLog(JmsListenerPauser.class);

	private final Supplier<JmsListenerEndpointRegistry> registry;

	JmsListenerPauser(Supplier<JmsListenerEndpointRegistry> registry, Supplier<MaintenanceMode> maintenanceMode,
			MaintenanceActivity activity, MaintenanceListenerPolicy<JmsListener> policy,
			ConsumerPauseCounter pauseCounter) {
		super(maintenanceMode, activity, policy, pauseCounter);
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(MaintenanceModeChangedEvent event) {
		maintenanceChanged();
	}

	@Override
	protected int getRegistryPhase() {
		return this.registry.get().getPhase();
	}

	@Override
	protected Collection<String> getListenerIds() {
		return this.registry.get().getListenerContainerIds();
	}

	@Override
	protected @Nullable MessageListenerContainer getContainer(String id) {
		return this.registry.get().getListenerContainer(id);
	}

	@Override
	protected @Nullable Pause newPause(String id, MessageListenerContainer container) {
		if (container.isRunning()) {
			return new Pause(false);
		}
		if (container.isAutoStartup() && container instanceof AbstractJmsListeningContainer listening) {
			// not started yet: the registry starts it after this phase unless told not to
			listening.setAutoStartup(false);
			return new Pause(true);
		}
		// stopped by the application: it stays as it is
		return null;
	}

	@Override
	protected void pause(String id, MessageListenerContainer container, Pause pause) {
		if (pause.heldAtStartup) {
			logger.info("JMS listener '" + id + "' stays paused at startup: maintenance is on");
			return;
		}
		pause.stopping = true;
		getActivity().jobStarted();
		container.stop(() -> stopped(id, container, pause));
	}

	private synchronized void stopped(String id, MessageListenerContainer container, Pause pause) {
		pause.stopping = false;
		getActivity().jobFinished();
		logger.info("Paused JMS listener '" + id + "' while maintenance is on");
		if (getPause(id) != pause) {
			// maintenance ended while the container was stopping
			restart(id, container);
		}
	}

	@Override
	protected void resume(String id, MessageListenerContainer container, Pause pause) {
		if (pause.heldAtStartup && container instanceof AbstractJmsListeningContainer listening) {
			listening.setAutoStartup(true);
		}
		if (!pause.stopping) {
			restart(id, container);
		}
	}

	private void restart(String id, MessageListenerContainer container) {
		if (!isRunning()) {
			// before the registry's start (it starts the container then) or after the
			// application began to shut down
			return;
		}
		try {
			container.start();
			logger.info("Resumed JMS listener '" + id + "' after maintenance");
		}
		catch (RuntimeException ex) {
			logger.warn("JMS listener '" + id + "' failed to resume after maintenance", ex);
		}
	}

	/**
	 * One container paused for maintenance.
	 */
	static final class Pause {

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
