package io.github.maintenancemode.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.store.FileMaintenanceStateStore;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import io.github.maintenancemode.store.MaintenanceStateRefresher;
import io.github.maintenancemode.support.MaintenanceTaskScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MaintenanceAutoConfiguration}.
 */
class MaintenanceAutoConfigurationTests {

	@TempDir
	Path temporary;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class));

	@Test
	void providesTheSwitchOnAnInMemoryStore() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MaintenanceMode.class)
				.hasSingleBean(InMemoryMaintenanceStateStore.class)
				.hasSingleBean(MaintenanceActivity.class)
				.hasSingleBean(MaintenanceStateRefresher.class);
			assertThat(context.getBean(MaintenanceMode.class).isActive()).isFalse();
			assertThat(context.getBean(MaintenanceMode.class).storeType()).isEqualTo("memory");
		});
	}

	@Test
	void backgroundWorkRunsOnOneSchedulerOfItsOwnFromTheApplicationsBuilder() {
		List<ThreadPoolTaskScheduler> customized = new CopyOnWriteArrayList<>();
		ThreadPoolTaskSchedulerCustomizer customizer = customized::add;
		this.runner
			.withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class,
					MaintenanceFileStoreAutoConfiguration.class))
			.withUserConfiguration(SchedulingConfiguration.class)
			.withBean(ThreadPoolTaskSchedulerCustomizer.class, () -> customizer)
			.withPropertyValues("maintenance.store.type=file",
					"maintenance.store.file.path=" + this.temporary.resolve("MAINTENANCE"),
					"maintenance.store.file.poll-interval=50ms")
			.run((context) -> {
				TaskScheduler tasks = context.getBean(MaintenanceTaskScheduler.class).scheduler();
				assertThat(customized).contains((ThreadPoolTaskScheduler) tasks);
				// the application's @Scheduled methods keep the scheduler Boot gives them
				assertThat(context.getBean(TaskScheduler.class)).isNotSameAs(tasks);
				assertThat(context.getBeanNamesForType(TaskScheduler.class)).containsExactly("taskScheduler");
				Set<String> pollers = ConcurrentHashMap.newKeySet();
				((ThreadPoolTaskScheduler) tasks).getScheduledExecutor()
					.execute(() -> pollers.add(Thread.currentThread().getName()));
				await().atMost(Duration.ofSeconds(5)).until(() -> !pollers.isEmpty());
				assertThat(pollers).allMatch((name) -> name.startsWith("maintenance-"));
				// another instance on the same file
				FileMaintenanceStateStore other = new FileMaintenanceStateStore(this.temporary.resolve("MAINTENANCE"));
				long version = other.read().map(MaintenanceState::version).orElse(0L);
				other.write(MaintenanceState.on(MaintenanceState.Mode.FULL, "Elsewhere", null, null, "other"), version);
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(context.getBean(MaintenanceMode.class).isActive()).isTrue());
			});
	}

	@Test
	void anInvalidWindowFailsTheStartNamingTheProperty() {
		assertInvalid("maintenance.windows[0].start", "maintenance.windows[0].duration=1h");
		assertInvalid("maintenance.windows[1].duration", "maintenance.windows[0].start=2026-12-24T22:00:00Z",
				"maintenance.windows[1].start=2026-12-25T22:00:00Z", "maintenance.windows[1].end=2026-12-26T00:00:00Z",
				"maintenance.windows[1].duration=1h");
		assertInvalid("maintenance.windows[0].end", "maintenance.windows[0].start=2026-12-24T22:00:00Z",
				"maintenance.windows[0].end=2026-12-24T21:00:00Z");
		assertInvalid("maintenance.windows[0].duration", "maintenance.windows[0].start=2026-12-24T22:00:00Z",
				"maintenance.windows[0].duration=0s");
	}

	private void assertInvalid(String property, String... properties) {
		this.runner.withPropertyValues(properties)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo(property)));
	}

	@Test
	void startsInMaintenanceFromProperties() {
		this.runner
			.withPropertyValues("maintenance.enabled=true", "maintenance.reason=Migration",
					"maintenance.mode=read-only")
			.run((context) -> {
				MaintenanceState state = context.getBean(MaintenanceMode.class).status();
				assertThat(state.enabled()).isTrue();
				assertThat(state.reason()).isEqualTo("Migration");
				assertThat(state.mode()).isEqualTo(MaintenanceState.Mode.READ_ONLY);
				assertThat(state.since()).isNotNull();
			});
	}

	@Test
	void backsOffForAUserDefinedStore() {
		this.runner.withBean("customStore", MaintenanceStateStore.class, InMemoryMaintenanceStateStore::new)
			.withPropertyValues("maintenance.store.type=custom")
			.run((context) -> assertThat(context).hasSingleBean(MaintenanceStateStore.class)
				.hasBean("customStore")
				.doesNotHaveBean("maintenanceStateStore"));
	}

	@Test
	void backsOffForAUserDefinedSwitch() {
		MaintenanceMode custom = new MaintenanceMode(new InMemoryMaintenanceStateStore(), (event) -> {
		}, Clock.systemUTC());
		this.runner.withBean(MaintenanceMode.class, () -> custom)
			.run((context) -> assertThat(context.getBean(MaintenanceMode.class)).isSameAs(custom));
	}

	@Test
	void storeTypeWithoutItsModuleFailsWithAClearMessage() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("maintenance.store.type=jdbc")
				.hasMessageContaining("maintenance-store-jdbc"));
	}

	@Test
	void unreachableStoreAtStartupUsesThePropertiesByDefault() {
		this.runner.withBean(MaintenanceStateStore.class, UnreachableStore::new)
			.withPropertyValues("maintenance.store.type=custom", "maintenance.enabled=true",
					"maintenance.reason=From properties")
			.run((context) -> {
				MaintenanceMode mode = context.getBean(MaintenanceMode.class);
				assertThat(mode.isActive()).isTrue();
				assertThat(mode.status().reason()).isEqualTo("From properties");
				assertThat(new MaintenanceStoreSync(mode).storeError()).contains("unreachable");
			});
	}

	@Test
	void unreachableStoreAtStartupCanAssumeMaintenanceOn() {
		this.runner.withBean(MaintenanceStateStore.class, UnreachableStore::new)
			.withPropertyValues("maintenance.store.type=custom",
					"maintenance.store.initial-state-when-unreachable=enabled")
			.run((context) -> assertThat(context.getBean(MaintenanceMode.class).isActive()).isTrue());
	}

	@Test
	void unreachableStoreAtStartupCanAssumeMaintenanceOff() {
		this.runner.withBean(MaintenanceStateStore.class, UnreachableStore::new)
			.withPropertyValues("maintenance.store.type=custom", "maintenance.enabled=true",
					"maintenance.store.initial-state-when-unreachable=disabled")
			.run((context) -> assertThat(context.getBean(MaintenanceMode.class).isActive()).isFalse());
	}

	@Test
	void reachableStoreIgnoresTheUnreachableSetting() {
		this.runner.withPropertyValues("maintenance.store.initial-state-when-unreachable=enabled")
			.run((context) -> assertThat(context.getBean(MaintenanceMode.class).isActive()).isFalse());
	}

	@Test
	void usesTheApplicationsClock() {
		Instant now = Instant.parse("2026-12-01T01:00:00Z");
		this.runner.withBean(Clock.class, () -> Clock.fixed(now, ZoneOffset.UTC))
			.run((context) -> assertThat(context.getBean(MaintenanceMode.class).enable("x").since()).isEqualTo(now));
	}

	static class UnreachableStore implements MaintenanceStateStore {

		@Override
		public Optional<MaintenanceState> read() {
			throw new MaintenanceStoreUnavailableException("store unreachable", new IllegalStateException());
		}

		@Override
		public MaintenanceState write(MaintenanceState state, long expectedVersion) {
			throw new MaintenanceStoreUnavailableException("store unreachable", new IllegalStateException());
		}

		@Override
		public String type() {
			return "custom";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingConfiguration {

	}

}
