package io.github.maintenancemode;

import org.springframework.context.ApplicationEvent;

/**
 * Published by {@link MaintenanceMode} after the state changed, whatever the source of
 * the change (endpoint, properties, store, schedule).
 */
public class MaintenanceModeChangedEvent extends ApplicationEvent {

	private final MaintenanceState previous;

	private final MaintenanceState current;

	/**
	 * Create the event.
	 * @param source the switch
	 * @param previous the state before the change
	 * @param current the state after it
	 */
	public MaintenanceModeChangedEvent(Object source, MaintenanceState previous, MaintenanceState current) {
		super(source);
		this.previous = previous;
		this.current = current;
	}

	/**
	 * Return the state before the change.
	 * @return the previous state
	 */
	public MaintenanceState getPrevious() {
		return this.previous;
	}

	/**
	 * Return the state after the change.
	 * @return the current state
	 */
	public MaintenanceState getCurrent() {
		return this.current;
	}

	/**
	 * Whether this change switched maintenance on or off (rather than, for example,
	 * changing only the reason).
	 * @return whether {@code enabled} differs between the two states
	 */
	public boolean isToggle() {
		return this.previous.enabled() != this.current.enabled();
	}

}
