package io.github.maintenancemode.messaging;

import java.util.ArrayList;
import java.util.List;

import io.github.maintenancemode.MaintenanceState;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the message consumers that pause while maintenance is on.
 */
@ConfigurationProperties("maintenance.messaging")
public class MaintenanceMessagingProperties {

	/**
	 * Whether the listener containers of the application pause while maintenance is on.
	 */
	private boolean enabled = true;

	/**
	 * Which listeners pause: all of them, or only those annotated with
	 * {@code @SkipInMaintenance}.
	 */
	private Pause pause = Pause.ALL;

	/**
	 * Whether listeners pause in read-only maintenance too, not only in full maintenance.
	 */
	private boolean pauseInReadOnly = true;

	/**
	 * Ids of listeners that keep consuming while maintenance is on, such as one that only
	 * logs.
	 */
	private List<String> keepRunning = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Pause getPause() {
		return this.pause;
	}

	public void setPause(Pause pause) {
		this.pause = pause;
	}

	public boolean isPauseInReadOnly() {
		return this.pauseInReadOnly;
	}

	public void setPauseInReadOnly(boolean pauseInReadOnly) {
		this.pauseInReadOnly = pauseInReadOnly;
	}

	public List<String> getKeepRunning() {
		return this.keepRunning;
	}

	public void setKeepRunning(List<String> keepRunning) {
		this.keepRunning = keepRunning;
	}

	/**
	 * Return whether maintenance in this mode pauses consumers at all.
	 * @param mode the maintenance mode
	 * @return whether consumers pause
	 */
	public boolean pausesIn(MaintenanceState.Mode mode) {
		return mode == MaintenanceState.Mode.FULL || this.pauseInReadOnly;
	}

	/**
	 * Which listeners pause while maintenance is on.
	 */
	public enum Pause {

		/**
		 * Every listener, except those annotated with {@code @RunInMaintenance} or listed
		 * in {@code maintenance.messaging.keep-running}.
		 */
		ALL,

		/**
		 * Only listeners annotated with {@code @SkipInMaintenance} (on the method or its
		 * class).
		 */
		ANNOTATED

	}

}
