package io.github.maintenancemode.command;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.maintenancemode.MaintenanceMode;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Turns a start of the application whose first word is {@code maintenance} into a
 * {@link MaintenanceCommand}: the application starts with its own configuration (its
 * {@code application.yml}, profiles and environment) but without a web server, with every
 * bean lazy (so that no job is scheduled and no consumer created unless the store needs
 * it) and listener containers that do not start; once the context is up, and before the
 * application's runners, the command is carried out on its {@link MaintenanceMode}, and
 * the process exits with the command's code.
 * <p>
 * Registered in {@code META-INF/spring.factories}; ordered before Spring Boot's own
 * listener, so that logging is set up with the command's settings.
 */
public final class MaintenanceCommandRunListener implements SpringApplicationRunListener, Ordered {

	/**
	 * The name of the property source with the command's settings.
	 */
	static final String PROPERTY_SOURCE = "maintenanceCommand";

	private final @Nullable MaintenanceCommand command;

	/**
	 * Create the listener for one start.
	 * @param application the application
	 * @param args its arguments
	 */
	public MaintenanceCommandRunListener(SpringApplication application, String[] args) {
		this.command = MaintenanceCommand.of(args);
	}

	@Override
	public int getOrder() {
		return -100;
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		if (this.command == null) {
			return;
		}
		MapPropertySource settings = new MapPropertySource(PROPERTY_SOURCE, settings());
		MutablePropertySources sources = environment.getPropertySources();
		// after the command line, so that --logging.level.root=info shows the start
		if (sources.contains(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME, settings);
		}
		else {
			sources.addFirst(settings);
		}
	}

	private static Map<String, Object> settings() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("spring.main.web-application-type", "none");
		settings.put("spring.main.lazy-initialization", "true");
		settings.put("spring.main.banner-mode", "off");
		settings.put("spring.main.log-startup-info", "false");
		settings.put("spring.jmx.enabled", "false");
		settings.put("logging.level.root", "error");
		for (String container : new String[] { "spring.rabbitmq.listener.simple", "spring.rabbitmq.listener.direct",
				"spring.rabbitmq.listener.stream", "spring.kafka.listener", "spring.jms.listener",
				"spring.pulsar.listener" }) {
			settings.put(container + ".auto-startup", "false");
		}
		return settings;
	}

	@Override
	public void started(ConfigurableApplicationContext context, @Nullable Duration timeTaken) {
		MaintenanceCommand command = this.command;
		if (command == null) {
			return;
		}
		int code;
		try {
			MaintenanceMode maintenanceMode = context.getBeanProvider(MaintenanceMode.class).getIfAvailable();
			Clock clock = context.getBeanProvider(Clock.class).getIfAvailable(Clock::systemUTC);
			code = command.run(maintenanceMode, clock, System.out, System.err);
		}
		catch (BeansException ex) {
			// the beans are lazy: a store that cannot be set up fails here, not at start
			System.err.println("maintenance: the maintenance state store could not be set up ("
					+ NestedExceptionUtils.getMostSpecificCause(ex).getMessage() + "); nothing changed");
			code = MaintenanceCommand.FAILED;
		}
		System.out.flush();
		int exitCode = code;
		System.exit(SpringApplication.exit(context, () -> exitCode));
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		if (this.command != null) {
			// Spring Boot's report follows in the log; scripts get the reason in one line
			System.err.println("maintenance: the application could not start ("
					+ NestedExceptionUtils.getMostSpecificCause(exception).getMessage() + "); nothing changed");
		}
	}

}
