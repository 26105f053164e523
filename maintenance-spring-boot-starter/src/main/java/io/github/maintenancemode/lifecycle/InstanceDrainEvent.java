package io.github.maintenancemode.lifecycle;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published by {@link InstanceDrain} when this instance begins or ends a drain.
 */
public class InstanceDrainEvent extends ApplicationEvent {

	private final boolean draining;

	private final @Nullable String by;

	/**
	 * Create the event.
	 * @param source the {@link InstanceDrain}
	 * @param draining whether the instance is now drained
	 * @param by who asked, or {@code null} when unknown
	 */
	public InstanceDrainEvent(Object source, boolean draining, @Nullable String by) {
		super(source);
		this.draining = draining;
		this.by = by;
	}

	/**
	 * Return whether the instance is now drained ({@code false}: it takes traffic again).
	 * @return whether it is drained
	 */
	public boolean isDraining() {
		return this.draining;
	}

	/**
	 * Return who asked for the change.
	 * @return the principal's name, or {@code null} when unknown
	 */
	public @Nullable String getBy() {
		return this.by;
	}

}
