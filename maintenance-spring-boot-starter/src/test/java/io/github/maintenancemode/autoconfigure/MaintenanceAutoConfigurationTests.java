package io.github.maintenancemode.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import io.github.maintenancemode.store.MaintenanceStateRefresher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaintenanceAutoConfiguration}.
 */
class MaintenanceAutoConfigurationTests {

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

}
