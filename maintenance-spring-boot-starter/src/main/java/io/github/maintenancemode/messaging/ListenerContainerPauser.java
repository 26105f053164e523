package io.github.maintenancemode.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceModeChangedEvent;
import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.SmartApplicationListener;

/**
 * What pausing the listener containers of a registry has in common, whatever the broker:
 * the state served now is applied to every container as the
 * {@link MaintenanceListenerPolicy} says, each pause and resume is recorded in the
 * {@link MaintenanceActivity} and counted, and the pauser starts in the phase just before
 * the registry's, so that a container that would start during maintenance never starts:
 * no message slips through between its start and the first state read.
 * <p>
 * Besides maintenance changes, a subclass listens to one event of its containers
 * ({@link #getContainerEventType()}).
 * <p>
 * Subclasses decide how a container pauses and resumes. Their methods that change what
 * they keep of a pause synchronize on the pauser, as {@link #apply} does.
 *
 * @param <C> the type of the containers
 * @param <P> what the subclass keeps of a paused container
 */
public abstract class ListenerContainerPauser<C, P> implements SmartLifecycle, SmartApplicationListener {

	private final Supplier<MaintenanceMode> maintenanceMode;

	private final MaintenanceActivity activity;

	private final MaintenanceListenerPolicy<?> policy;

	private final ConsumerPauseCounter pauseCounter;

	/**
	 * The containers paused now, by listener id. Guarded by {@code this}.
	 */
	private final Map<String, P> pauses = new HashMap<>();

	private volatile boolean running;

	/**
	 * Create a pauser.
	 * @param maintenanceMode the switch, looked up when first needed: it publishes its
	 * first change while it is being created
	 * @param activity where paused consumers and running jobs are recorded
	 * @param policy which listeners pause
	 * @param pauseCounter counts the pauses
	 */
	protected ListenerContainerPauser(Supplier<MaintenanceMode> maintenanceMode, MaintenanceActivity activity,
			MaintenanceListenerPolicy<?> policy, ConsumerPauseCounter pauseCounter) {
		this.maintenanceMode = maintenanceMode;
		this.activity = activity;
		this.policy = policy;
		this.pauseCounter = pauseCounter;
	}

	@Override
	public void start() {
		prepareContainers();
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
	public final boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return MaintenanceModeChangedEvent.class.isAssignableFrom(eventType)
				|| getContainerEventType().isAssignableFrom(eventType);
	}

	@Override
	public final void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof MaintenanceModeChangedEvent) {
			maintenanceChanged();
		}
		else {
			onContainerEvent(event);
		}
	}

	/**
	 * Return the type of the one other event this pauser listens to.
	 * @return the event type
	 */
	protected abstract Class<? extends ApplicationEvent> getContainerEventType();

	/**
	 * Handle an event of {@link #getContainerEventType()}.
	 * @param event the event
	 */
	protected abstract void onContainerEvent(ApplicationEvent event);

	@Override
	public int getPhase() {
		int phase = getRegistryPhase();
		return (phase != Integer.MIN_VALUE) ? phase - 1 : phase;
	}

	/**
	 * Apply the state served now, whatever the change that calls this says: changes
	 * handled out of order never bring an older state back. Before this pauser's start
	 * (changes made while the application starts), {@link #start()} applies the state.
	 */
	private void maintenanceChanged() {
		if (this.running) {
			apply(this.maintenanceMode.get().status());
		}
	}

	private synchronized void apply(MaintenanceState state) {
		for (String id : getListenerIds()) {
			C container = getContainer(id);
			if (container == null) {
				continue;
			}
			boolean pause = state.enabled() && this.policy.pauses(id, state.mode());
			P paused = this.pauses.get(id);
			if (pause && paused == null) {
				P created = newPause(id, container);
				if (created != null) {
					this.pauses.put(id, created);
					this.activity.consumerPaused(id);
					this.pauseCounter.paused(id);
					pause(id, container, created);
				}
			}
			else if (!pause && paused != null) {
				this.pauses.remove(id);
				this.activity.consumerResumed(id);
				resume(id, container, paused);
			}
		}
	}

	/**
	 * Return what is kept of the pause of the listener with this id, if it is paused.
	 * @param id the listener's id
	 * @return the pause, or {@code null}
	 */
	protected final synchronized @Nullable P getPause(String id) {
		return this.pauses.get(id);
	}

	/**
	 * Call the action with each pause kept now.
	 * @param action called with the listener's id and its pause
	 */
	protected final synchronized void forEachPause(BiConsumer<String, P> action) {
		this.pauses.forEach(action);
	}

	/**
	 * Return the activity in which running jobs are counted.
	 * @return the activity
	 */
	protected final MaintenanceActivity getActivity() {
		return this.activity;
	}

	/**
	 * Called once, before the first state is applied and before the registry starts its
	 * containers. Does nothing by default.
	 */
	protected void prepareContainers() {
	}

	/**
	 * Return the phase in which the registry starts its containers.
	 * @return the registry's phase
	 */
	protected abstract int getRegistryPhase();

	/**
	 * Return the ids of the registry's listeners.
	 * @return the ids
	 */
	protected abstract Collection<String> getListenerIds();

	/**
	 * Return the container of the listener with this id.
	 * @param id the listener's id
	 * @return the container, or {@code null} if the registry no longer has it
	 */
	protected abstract @Nullable C getContainer(String id);

	/**
	 * Create what is kept of the pause of a container about to pause.
	 * @param id the listener's id
	 * @param container its container
	 * @return the pause, or {@code null} when the container stays as it is (one that the
	 * application stopped)
	 */
	protected abstract @Nullable P newPause(String id, C container);

	/**
	 * Pause the container, now that its pause is recorded.
	 * @param id the listener's id
	 * @param container its container
	 * @param pause the pause {@link #newPause} created
	 */
	protected abstract void pause(String id, C container, P pause);

	/**
	 * Resume the container, whose pause is no longer recorded.
	 * @param id the listener's id
	 * @param container its container
	 * @param pause the pause that ends
	 */
	protected abstract void resume(String id, C container, P pause);

}
