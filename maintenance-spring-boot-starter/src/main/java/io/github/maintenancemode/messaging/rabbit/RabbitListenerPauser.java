package io.github.maintenancemode.messaging.rabbit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceModeChangedEvent;
import io.github.maintenancemode.MaintenanceState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;

/**
 * Stops the listener containers of the {@link RabbitListenerEndpointRegistry} when
 * maintenance begins and starts them again when it ends. Stopping lets the message in
 * flight finish and hands the messages the container had prefetched back to the broker.
 * Starts in the phase just before the registry's, so that a container that would start
 * during maintenance never starts: no message slips through between its start and the
 * first state read.
 */
class RabbitListenerPauser implements SmartLifecycle, ApplicationListener<MaintenanceModeChangedEvent> {

	private static final Log logger = LogFactory.getLog(RabbitListenerPauser.class);

	private static final boolean micrometerPresent = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			RabbitListenerPauser.class.getClassLoader());

	private final Supplier<RabbitListenerEndpointRegistry> registry;

	private final Supplier<MaintenanceMode> maintenanceMode;

	private final MaintenanceActivity activity;

	private final RabbitListenerPolicy policy;

	private final RabbitListenerGate gate;

	private final BeanFactory beanFactory;

	/**
	 * The containers paused now, by listener id. Guarded by {@code this}.
	 */
	private final Map<String, Pause> pauses = new HashMap<>();

	private volatile boolean running;

	RabbitListenerPauser(Supplier<RabbitListenerEndpointRegistry> registry, Supplier<MaintenanceMode> maintenanceMode,
			MaintenanceActivity activity, RabbitListenerPolicy policy, RabbitListenerGate gate,
			BeanFactory beanFactory) {
		this.registry = registry;
		this.maintenanceMode = maintenanceMode;
		this.activity = activity;
		this.policy = policy;
		this.gate = gate;
		this.beanFactory = beanFactory;
	}

	@Override
	public void start() {
		this.running = true;
		apply(this.maintenanceMode.get().status());
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		int phase = this.registry.get().getPhase();
		return (phase != Integer.MIN_VALUE) ? phase - 1 : phase;
	}

	/**
	 * Apply the state served now, whatever the event says: events handled out of order
	 * never bring an older state back. Before this bean's start (changes made while the
	 * application starts), {@link #start()} applies the state.
	 */
	@Override
	public void onApplicationEvent(MaintenanceModeChangedEvent event) {
		if (this.running) {
			apply(this.maintenanceMode.get().status());
		}
	}

	private synchronized void apply(MaintenanceState state) {
		RabbitListenerEndpointRegistry registry = this.registry.get();
		for (String id : registry.getListenerContainerIds()) {
			MessageListenerContainer container = registry.getListenerContainer(id);
			if (container == null) {
				continue;
			}
			boolean pause = state.enabled() && this.policy.pauses(id, state.mode());
			Pause paused = this.pauses.get(id);
			if (pause && paused == null) {
				pause(id, container);
			}
			else if (!pause && paused != null) {
				resume(id, container, paused);
			}
		}
	}

	private void pause(String id, MessageListenerContainer container) {
		Pause pause;
		if (container.isRunning()) {
			pause = new Pause(queueNames(container), false);
		}
		else if (container.isAutoStartup() && container instanceof AbstractMessageListenerContainer abstractContainer) {
			// not started yet: the registry starts it after this phase unless told not to
			abstractContainer.setAutoStartup(false);
			pause = new Pause(queueNames(container), true);
		}
		else {
			// stopped by the application: it stays as it is
			return;
		}
		this.gate.close(pause.queues);
		this.pauses.put(id, pause);
		this.activity.consumerPaused(id);
		countPause(id);
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
		if (this.pauses.get(id) != pause) {
			// maintenance ended while the container was stopping
			restart(id, container);
		}
	}

	private void resume(String id, MessageListenerContainer container, Pause pause) {
		this.pauses.remove(id);
		this.activity.consumerResumed(id);
		this.gate.open(pause.queues);
		if (pause.heldAtStartup && container instanceof AbstractMessageListenerContainer abstractContainer) {
			abstractContainer.setAutoStartup(true);
		}
		if (!pause.stopping) {
			restart(id, container);
		}
	}

	private void restart(String id, MessageListenerContainer container) {
		if (!this.running) {
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

	private void countPause(String id) {
		if (micrometerPresent) {
			MeterRegistry meters = this.beanFactory.getBeanProvider(MeterRegistry.class).getIfUnique();
			if (meters != null) {
				Counter.builder("maintenance.consumers.paused")
					.description("Message listener containers paused because maintenance began")
					.tag("listener", id)
					.register(meters)
					.increment();
			}
		}
	}

	private static List<String> queueNames(MessageListenerContainer container) {
		return (container instanceof AbstractMessageListenerContainer abstractContainer)
				? List.of(abstractContainer.getQueueNames()) : List.of();
	}

	/**
	 * One container paused for maintenance.
	 */
	private static final class Pause {

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
