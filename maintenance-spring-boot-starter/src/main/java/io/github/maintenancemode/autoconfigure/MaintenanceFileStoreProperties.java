package io.github.maintenancemode.autoconfigure;

import java.time.Duration;

import io.github.maintenancemode.store.FileMaintenanceStateStore;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the file maintenance state store, used with
 * {@code maintenance.store.type=file}.
 */
@ConfigurationProperties("maintenance.store.file")
public class MaintenanceFileStoreProperties {

	/**
	 * Path of the maintenance file: maintenance is on while it exists, and its text (or
	 * the "reason" of a JSON body) is the reason. A relative path is resolved against the
	 * working directory. Instances that share the file, on one machine or on a shared
	 * file system, share the state.
	 */
	private String path = FileMaintenanceStateStore.DEFAULT_PATH;

	/**
	 * How often each instance re-reads the file, and so how long a change (including one
	 * made by hand) takes at most to reach every instance.
	 */
	private Duration pollInterval = FileMaintenanceStateStore.DEFAULT_POLL_INTERVAL;

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

}
