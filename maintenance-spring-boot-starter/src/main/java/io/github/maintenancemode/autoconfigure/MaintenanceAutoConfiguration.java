package io.github.maintenancemode.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.lifecycle.InstanceDrain;
import io.github.maintenancemode.lifecycle.MaintenanceWindowScheduler;
import io.github.maintenancemode.lifecycle.PlannedWindow;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import io.github.maintenancemode.store.MaintenanceStateRefresher;
import io.github.maintenancemode.support.MaintenanceTaskScheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the maintenance switch: {@link MaintenanceMode}, its state store
 * (in memory unless a store module provides another), the refresher that keeps a shared
 * store's changes flowing in, planned windows and the instance drain.
 */
@AutoConfiguration
@EnableConfigurationProperties(MaintenanceProperties.class)
public final class MaintenanceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MaintenanceStateStore.class)
	@ConditionalOnProperty(name = "maintenance.store.type", havingValue = "memory", matchIfMissing = true)
	InMemoryMaintenanceStateStore maintenanceStateStore() {
		return new InMemoryMaintenanceStateStore();
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceActivity maintenanceActivity() {
		return new MaintenanceActivity();
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceMode maintenanceMode(ObjectProvider<MaintenanceStateStore> store, ApplicationEventPublisher publisher,
			ObjectProvider<Clock> clock, MaintenanceProperties properties) {
		MaintenanceStateStore stateStore = store.getIfAvailable();
		if (stateStore == null) {
			throw new IllegalStateException(
					"No maintenance state store for maintenance.store.type=" + properties.getStore().getType()
							+ ": add the matching store module (maintenance-store-jdbc, maintenance-store-redis) "
							+ "and its connection settings, or use 'memory' or 'file'");
		}
		MaintenanceMode maintenanceMode = new MaintenanceMode(stateStore, publisher,
				clock.getIfAvailable(Clock::systemUTC));
		MaintenanceState initial = initialState(properties);
		new MaintenanceStoreSync(maintenanceMode).initialize(initial, whenUnreachable(properties, initial));
		return maintenanceMode;
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceTaskScheduler maintenanceTaskScheduler(ObjectProvider<ThreadPoolTaskSchedulerBuilder> builder) {
		return new MaintenanceTaskScheduler(builder.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new));
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceStateRefresher maintenanceStateRefresher(MaintenanceMode maintenanceMode, MaintenanceStateStore store,
			MaintenanceTaskScheduler tasks) {
		return new MaintenanceStateRefresher(maintenanceMode, store, tasks.scheduler());
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceWindowScheduler maintenanceWindowScheduler(MaintenanceMode maintenanceMode, ObjectProvider<Clock> clock,
			MaintenanceTaskScheduler tasks, MaintenanceProperties properties) {
		Duration maxDuration = properties.getMaxDuration();
		if (maxDuration != null && (maxDuration.isZero() || maxDuration.isNegative())) {
			throw new InvalidConfigurationPropertyValueException("maintenance.max-duration", maxDuration,
					"Must be a positive duration, such as 8h");
		}
		return new MaintenanceWindowScheduler(maintenanceMode, clock.getIfAvailable(Clock::systemUTC),
				tasks.scheduler(), validated(properties.getWindows()), maxDuration);
	}

	private static List<PlannedWindow> validated(List<MaintenanceWindow> windows) {
		List<PlannedWindow> planned = new ArrayList<>(windows.size());
		for (int i = 0; i < windows.size(); i++) {
			MaintenanceWindow window = windows.get(i);
			String prefix = "maintenance.windows[" + i + "].";
			Instant start = window.getStart();
			if (start == null) {
				throw new InvalidConfigurationPropertyValueException(prefix + "start", null,
						"Every window needs a start, such as 2026-12-24T22:00:00Z");
			}
			if (window.getEnd() != null && window.getDuration() != null) {
				throw new InvalidConfigurationPropertyValueException(prefix + "duration", window.getDuration(),
						"Give either " + prefix + "end or " + prefix + "duration, not both");
			}
			Instant end = window.resolvedEnd();
			if (end != null && !end.isAfter(start)) {
				String property = (window.getEnd() != null) ? prefix + "end" : prefix + "duration";
				Object value = (window.getEnd() != null) ? window.getEnd() : window.getDuration();
				throw new InvalidConfigurationPropertyValueException(property, value,
						"The window must end after its start (" + prefix + "start)");
			}
			planned.add(new PlannedWindow(start, end, window.getMode(), window.getReason()));
		}
		return planned;
	}

	@Bean
	@ConditionalOnMissingBean
	InstanceDrain maintenanceInstanceDrain(ApplicationEventPublisher publisher, MaintenanceProperties properties) {
		return new InstanceDrain(publisher, properties.getReadiness().isRefuseTrafficWhenEnabled());
	}

	private static MaintenanceState whenUnreachable(MaintenanceProperties properties, MaintenanceState initial) {
		return switch (properties.getStore().getInitialStateWhenUnreachable()) {
			case PROPERTIES -> initial;
			case ENABLED ->
				MaintenanceState.on(properties.getMode(), properties.getReason(), null, null, "configuration");
			case DISABLED -> MaintenanceState.INITIAL;
		};
	}

	private static MaintenanceState initialState(MaintenanceProperties properties) {
		if (!properties.isEnabled()) {
			return MaintenanceState.INITIAL;
		}
		return MaintenanceState.on(properties.getMode(), properties.getReason(), null, null, "configuration");
	}

}
