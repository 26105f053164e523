package io.github.maintenancemode.store.redis;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceStateStore;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One instance of an application that shares its maintenance state through Redis, started
 * with every auto-configuration on the class path.
 */
final class MaintenanceInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private MaintenanceInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start an instance.
	 * @param redisPort the port on which it reaches Redis
	 * @param store the key and channel to use
	 * @param properties further properties, as {@code name=value}
	 * @return the running instance
	 */
	static MaintenanceInstance start(int redisPort, RedisMaintenanceStoreProperties store, String... properties) {
		List<String> all = new ArrayList<>(
				List.of("spring.data.redis.host=" + RedisTestSupport.HOST, "spring.data.redis.port=" + redisPort));
		all.addAll(List.of(properties));
		return start(store, all.toArray(String[]::new));
	}

	/**
	 * Start an instance that reaches Redis as the given properties say.
	 * @param store the key and channel to use
	 * @param properties the connection's properties and any others, as {@code name=value}
	 * @return the running instance
	 */
	static MaintenanceInstance start(RedisMaintenanceStoreProperties store, String... properties) {
		return start(WebApplicationType.NONE, store, properties);
	}

	/**
	 * Start an instance that serves {@code GET /ping} on a port of its own and reaches
	 * Redis as the given properties say.
	 * @param store the key and channel to use
	 * @param properties the connection's properties and any others, as {@code name=value}
	 * @return the running instance
	 */
	static MaintenanceInstance startServing(RedisMaintenanceStoreProperties store, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("server.port=0");
		return start(WebApplicationType.SERVLET, store, all.toArray(String[]::new));
	}

	private static MaintenanceInstance start(WebApplicationType type, RedisMaintenanceStoreProperties store,
			String... properties) {
		List<String> all = new ArrayList<>(
				List.of("maintenance.store.type=redis", "maintenance.store.redis.key=" + store.getKey(),
						"maintenance.store.redis.channel=" + store.getChannel(),
						"spring.data.redis.repositories.enabled=false"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class).web(type)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.run();
		return new MaintenanceInstance(context);
	}

	MaintenanceMode maintenanceMode() {
		return this.context.getBean(MaintenanceMode.class);
	}

	/**
	 * Return the address of the instance's {@code GET /ping}.
	 * @return the address
	 */
	URI ping() {
		return URI.create("http://" + RedisTestSupport.HOST + ":"
				+ this.context.getEnvironment().getProperty("local.server.port") + "/ping");
	}

	MaintenanceStateStore store() {
		return this.context.getBean(MaintenanceStateStore.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Ping.class)
	static class Application {

	}

	@RestController
	static class Ping {

		@GetMapping("/ping")
		String ping() {
			return "pong";
		}

	}

}
