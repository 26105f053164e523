package io.github.maintenancemode.messaging.rabbit;

import java.util.Collection;
import java.util.List;
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

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.ApplicationListener;

/**
 * Stops the listener containers of the {@link RabbitListenerEndpointRegistry} when
 * maintenance begins and starts them again when it ends. Stopping lets the message in
 * flight finish and hands the messages the container had prefetched back to the broker.
 */
class RabbitListenerPauser extends ListenerContainerPauser<MessageListenerContainer, RabbitListenerPauser.Pause>
		implements ApplicationListener<MaintenanceModeChangedEvent> {

	private static final Log logger = LogFactory.getLog(RabbitListenerPauser.class);

	private final Supplier<RabbitListenerEndpointRegistry> registry;

	private final RabbitListenerGate gate;

	RabbitListenerPauser(Supplier<RabbitListenerEndpointRegistry> registry, Supplier<MaintenanceMode> maintenanceMode,
			MaintenanceActivity activity, MaintenanceListenerPolicy<RabbitListener> policy, RabbitListenerGate gate,
			ConsumerPauseCounter pauseCounter) {
		super(maintenanceMode, activity, policy, pauseCounter);
		this.registry = registry;
		this.gate = gate;
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
			return new Pause(queueNames(container), false);
		}
		if (container.isAutoStartup() && container instanceof AbstractMessageListenerContainer abstractContainer) {
			// not started yet: the registry starts it after this phase unless told not to
			abstractContainer.setAutoStartup(false);
			return new Pause(queueNames(container), true);
		}
		// stopped by the application: it stays as it is
		return null;
	}

	@Override
	protected void pause(String id, MessageListenerContainer container, Pause pause) {
		this.gate.close(pause.queues);
		if (pause.heldAtStartup) {
			logger.info("Rabbit listener '" + id + "' stays paused at startup: maintenance is on");
			return;
		}
		pause.stopping = true;
		container.stop(() -> stopped(id, container, pause));
	}

	private synchronized void stopped(String id, MessageListenerContainer container, Pause pause) {
		pause.stopping = false;
		logger.info("Paused Rabbit listener '" + id + "' while maintenance is on");
		if (getPause(id) != pause) {
			// maintenance ended while the container was stopping
			restart(id, container);
		}
	}

	@Override
	protected void resume(String id, MessageListenerContainer container, Pause pause) {
		this.gate.open(pause.queues);
		if (pause.heldAtStartup && container instanceof AbstractMessageListenerContainer abstractContainer) {
			abstractContainer.setAutoStartup(true);
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
			logger.info("Resumed Rabbit listener '" + id + "' after maintenance");
		}
		catch (RuntimeException ex) {
			logger.warn("Rabbit listener '" + id + "' failed to resume after maintenance", ex);
		}
	}

	private static List<String> queueNames(MessageListenerContainer container) {
		return (container instanceof AbstractMessageListenerContainer abstractContainer)
				? List.of(abstractContainer.getQueueNames()) : List.of();
	}

	/**
	 * One container paused for maintenance.
	 */
	static final class Pause {

		private final List<String> queues;

		private final boolean heldAtStartup;

		/**
		 * Whether the container is still finishing its message in flight. Guarded by the
		 * pauser.
		 */
		private boolean stopping;

		private Pause(List<String> queues, boolean heldAtStartup) {
			this.queues = queues;
			this.heldAtStartup = heldAtStartup;
		}

	}

}
