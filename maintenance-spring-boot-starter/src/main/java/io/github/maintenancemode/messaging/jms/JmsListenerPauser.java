package io.github.maintenancemode.messaging.jms;

import java.util.Collection;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.messaging.ConsumerPauseCounter;
import io.github.maintenancemode.messaging.MaintenanceListenerPolicy;
import io.github.maintenancemode.messaging.StoppingListenerPauser;
import org.jspecify.annotations.Nullable;

import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.config.JmsListenerEndpointRegistry;
import org.springframework.jms.listener.AbstractJmsListeningContainer;
import org.springframework.jms.listener.MessageListenerContainer;

/**
 * Stops the listener containers of the {@link JmsListenerEndpointRegistry} when
 * maintenance begins and starts them again when it ends. Once its message in progress has
 * finished, a stopped container closes its consumers, so the broker takes back what they
 * had buffered; a message that a consumer receives once its container has stopped is
 * rolled back or recovered by the container, not processed, and comes again when
 * maintenance ends. When the application stops during maintenance, a paused container is
 * shut down, so that the registry's next start, which starts every container, gives it no
 * consumer; it is initialized again when maintenance ends.
 */
class JmsListenerPauser extends StoppingListenerPauser<MessageListenerContainer> {

	private final Supplier<JmsListenerEndpointRegistry> registry;

	JmsListenerPauser(Supplier<JmsListenerEndpointRegistry> registry, Supplier<MaintenanceMode> maintenanceMode,
			MaintenanceActivity activity, MaintenanceListenerPolicy<JmsListener> policy,
			ConsumerPauseCounter pauseCounter) {
		super("JMS", maintenanceMode, activity, policy, pauseCounter);
		this.registry = registry;
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
	protected boolean setAutoStartup(MessageListenerContainer container, boolean autoStartup) {
		if (container instanceof AbstractJmsListeningContainer listening) {
			listening.setAutoStartup(autoStartup);
			return true;
		}
		return false;
	}

	@Override
	protected void stoppedForMaintenance(MessageListenerContainer container) {
		if (container instanceof AbstractJmsListeningContainer listening && listening.isActive()) {
			listening.shutdown();
		}
	}

	@Override
	protected void opening(MessageListenerContainer container) {
		if (container instanceof AbstractJmsListeningContainer listening && !listening.isActive()) {
			listening.initialize();
		}
	}

	@Override
	protected boolean consumes(MessageListenerContainer container) {
		return container.isRunning()
				&& (!(container instanceof AbstractJmsListeningContainer listening) || listening.isActive());
	}

}
