package io.github.maintenancemode.messaging.rabbit;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.messaging.ConsumerPauseCounter;
import io.github.maintenancemode.messaging.MaintenanceListenerPolicy;
import io.github.maintenancemode.messaging.StoppingListenerPauser;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;

/**
 * Stops the listener containers of the {@link RabbitListenerEndpointRegistry} when
 * maintenance begins and starts them again when it ends. Stopping lets the message in
 * flight finish and hands the messages the container had prefetched back to the broker;
 * the {@link RabbitListenerGate} hands back those that reach the listener once the
 * container's queues are closed.
 */
class RabbitListenerPauser extends StoppingListenerPauser<MessageListenerContainer> {

	private final Supplier<RabbitListenerEndpointRegistry> registry;

	private final RabbitListenerGate gate;

	RabbitListenerPauser(Supplier<RabbitListenerEndpointRegistry> registry, Supplier<MaintenanceMode> maintenanceMode,
			MaintenanceActivity activity, MaintenanceListenerPolicy<RabbitListener> policy, RabbitListenerGate gate,
			ConsumerPauseCounter pauseCounter) {
		super("Rabbit", maintenanceMode, activity, policy, pauseCounter);
		this.registry = registry;
		this.gate = gate;
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
		if (container instanceof AbstractMessageListenerContainer abstractContainer) {
			abstractContainer.setAutoStartup(autoStartup);
			return true;
		}
		return false;
	}

	@Override
	protected void closing(MessageListenerContainer container) {
		this.gate.close(queueNames(container));
	}

	@Override
	protected void opening(MessageListenerContainer container) {
		this.gate.open(queueNames(container));
	}

	private static List<String> queueNames(MessageListenerContainer container) {
		return (container instanceof AbstractMessageListenerContainer abstractContainer)
				? List.of(abstractContainer.getQueueNames()) : List.of();
	}

}
