package io.github.maintenancemode.messaging;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Configuration properties of the message consumers that pause while maintenance is on.
 */
@ConfigurationProperties(MaintenanceMessagingProperties.PREFIX)
public class MaintenanceMessagingProperties {

	/**
	 * The prefix of these properties.
	 */
	public static final String PREFIX = "maintenance.messaging";

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

	/**
	 * Bind these properties from the environment, for a post-processor that is made
	 * before the properties bean could be.
	 * @param environment the environment
	 * @return the bound properties
	 */
	public static MaintenanceMessagingProperties bind(Environment environment) {
		return Binder.get(environment).bindOrCreate(PREFIX, MaintenanceMessagingProperties.class);
	}

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
