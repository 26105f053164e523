package io.github.maintenancemode;

import org.springframework.context.ApplicationEvent;

/**
 * Published by {@link MaintenanceMode} after the state changed, whatever the source of
 * the change (endpoint, properties, store, schedule).
 */
public class MaintenanceModeChangedEvent extends ApplicationEvent {

	private final MaintenanceState previous;

	private final MaintenanceState current;

	public MaintenanceModeChangedEvent(Object source, MaintenanceState previous, MaintenanceState current) {
		super(source);
		this.previous = previous;
		this.current = current;
	}

	public MaintenanceState getPrevious() {
		return this.previous;
	}

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
