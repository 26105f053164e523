package io.github.maintenancemode.store.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Redis maintenance state store. The connection itself is
 * Spring Boot's, configured with {@code spring.data.redis.*}.
 */
@ConfigurationProperties("maintenance.store.redis")
public class RedisMaintenanceStoreProperties {

	/**
	 * Key of the Redis string that holds the maintenance state as JSON.
	 */
	private String key = "maintenance:state";

	/**
	 * Pub/sub channel on which every change is published to the other instances.
	 */
	private String channel = "maintenance:changes";

	/**
	 * How often each instance re-reads the state, as a safety net for changes published
	 * while its subscription was down.
	 */
	private Duration pollInterval = Duration.ofSeconds(10);

	/**
	 * How long a read or write waits for Redis before the store reports it unavailable.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	public String getKey() {
		return this.key;
	}

	public void setKey(String key) {
		this.key = key;
	}

	public String getChannel() {
		return this.channel;
	}

	public void setChannel(String channel) {
		this.channel = channel;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}
