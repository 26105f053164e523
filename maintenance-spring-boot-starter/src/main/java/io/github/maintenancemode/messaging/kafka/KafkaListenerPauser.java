package io.github.maintenancemode.messaging.kafka;

import java.util.Collection;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.messaging.ConsumerPauseCounter;
import io.github.maintenancemode.messaging.ListenerContainerPauser;
import io.github.maintenancemode.messaging.MaintenanceListenerPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerPausedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Pauses the listener containers of the {@link KafkaListenerEndpointRegistry} when
 * maintenance begins and resumes them when it ends. A paused Kafka consumer stays in its
 * group, so its partitions are not handed to another instance; with
 * {@code pauseImmediate}, which this sets on every container, the record in progress
 * finishes and the others of its poll wait for the resume. Until the consumer has paused,
 * the container counts as a running job. A paused container stays paused when the
 * application's lifecycle stops and starts again.
 */
class KafkaListenerPauser extends ListenerContainerPauser<MessageListenerContainer, KafkaListenerPauser.Pause> {

	private static final Log logger = LogFactory.getLog(KafkaListenerPauser.class);

	private final Supplier<KafkaListenerEndpointRegistry> registry;

	KafkaListenerPauser(Supplier<KafkaListenerEndpointRegistry> registry, Supplier<MaintenanceMode> maintenanceMode,
			MaintenanceActivity activity, MaintenanceListenerPolicy<KafkaListener> policy,
			ConsumerPauseCounter pauseCounter) {
		super(maintenanceMode, activity, policy, pauseCounter);
		this.registry = registry;
	}

	@Override
	protected Class<? extends ApplicationEvent> getContainerEventType() {
		return ConsumerPausedEvent.class;
	}

	@Override
	protected void onContainerEvent(ApplicationEvent event) {
		consumerPaused();
	}

	@Override
	protected void prepareContainers() {
		for (MessageListenerContainer container : this.registry.get().getListenerContainers()) {
			// read when the consumer starts: after this phase
			container.getContainerProperties().setPauseImmediate(true);
		}
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
			return new Pause(container, false);
		}
		if (container.isAutoStartup()) {
			// not started yet: held back from the registry's start after this phase,
			// and paused for the start after a stop, which starts every container
			container.setAutoStartup(false);
			container.pause();
			return new Pause(container, true);
		}
		// stopped by the application: it stays as it is
		return null;
	}

	@Override
	protected void pause(String id, MessageListenerContainer container, Pause pause) {
		if (pause.heldAtStartup) {
			logger.info("Kafka listener '" + id + "' stays paused at startup: maintenance is on");
			return;
		}
		pause.pausing = true;
		getActivity().jobStarted();
		container.pause();
		consumerPaused();
	}

	private synchronized void consumerPaused() {
		forEachPause((id, pause) -> {
			if (pause.pausing && pause.container.isContainerPaused()) {
				pause.pausing = false;
				getActivity().jobFinished();
				logger.info("Paused Kafka listener '" + id + "' while maintenance is on");
			}
		});
	}

	@Override
	protected void resume(String id, MessageListenerContainer container, Pause pause) {
		if (pause.pausing) {
			getActivity().jobFinished();
		}
		if (!pause.heldAtStartup) {
			container.resume();
			logger.info("Resumed Kafka listener '" + id + "' after maintenance");
			return;
		}
		container.resume();
		container.setAutoStartup(true);
		if (container.isRunning()) {
			// started paused with the application after a stop
			logger.info("Resumed Kafka listener '" + id + "' after maintenance");
			return;
		}
		if (!isRunning()) {
			// before the registry's start, which starts the container then
			return;
		}
		try {
			container.start();
			logger.info("Started Kafka listener '" + id + "' after maintenance");
		}
		catch (RuntimeException ex) {
			logger.warn("Kafka listener '" + id + "' failed to start after maintenance", ex);
		}
	}

	/**
	 * One container paused for maintenance.
	 */
	static final class Pause {

		private final MessageListenerContainer container;

		private final boolean heldAtStartup;

		/**
		 * Whether the consumer is still finishing its record in progress. Guarded by the
		 * pauser.
		 */
		private boolean pausing;

		private Pause(MessageListenerContainer container, boolean heldAtStartup) {
			this.container = container;
			this.heldAtStartup = heldAtStartup;
		}

	}

}
