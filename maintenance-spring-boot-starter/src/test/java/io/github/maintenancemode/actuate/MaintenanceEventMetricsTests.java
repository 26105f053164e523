package io.github.maintenancemode.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.autoconfigure.MaintenanceEndpointAutoConfiguration;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The counters {@code maintenance.transitions} and {@code maintenance.store.errors}, in
 * the meter registry Spring Boot configures.
 */
class MaintenanceEventMetricsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class,
				MaintenanceEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	@Test
	void transitionsAreCountedFromAndTo() {
		this.runner.run((context) -> {
			MaintenanceMode mode = context.getBean(MaintenanceMode.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Instant start = Instant.now().plus(Duration.ofHours(1));
			mode.schedule(start, null, MaintenanceState.Mode.FULL, "Upgrade", "alice");
			mode.disable("alice");
			mode.enable(MaintenanceState.Mode.READ_ONLY, "Migration", null, "bob");
			mode.enable(MaintenanceState.Mode.READ_ONLY, "Migration, longer", null, "bob");
			mode.enable(MaintenanceState.Mode.FULL, "Migration", null, "bob");
			mode.disable("bob");
			assertThat(transitions(registry, "off", "planned")).isOne();
			assertThat(transitions(registry, "planned", "off")).isOne();
			assertThat(transitions(registry, "off", "read_only")).isOne();
			assertThat(transitions(registry, "read_only", "full")).isOne();
			assertThat(transitions(registry, "full", "off")).isOne();
			assertThat(transitions(registry, "off", "full")).isZero();
			assertThat(registry.get("maintenance.transitions").counters()).hasSize(12);
		});
	}

	@Test
	void failedStoreCallsAreCountedByOperation() {
		FlakyStore store = new FlakyStore();
		this.runner.withBean(InMemoryMaintenanceStateStore.class, () -> store).run((context) -> {
			MaintenanceMode mode = context.getBean(MaintenanceMode.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(storeErrors(registry, "read")).isZero();
			assertThat(storeErrors(registry, "write")).isZero();
			store.failReads = true;
			MaintenanceStoreSync storeSync = new MaintenanceStoreSync(mode);
			storeSync.refresh();
			storeSync.refresh();
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class)
				.isThrownBy(() -> mode.enable("Upgrade"));
			store.failReads = false;
			store.failWrites = true;
			assertThatExceptionOfType(MaintenanceStoreUnavailableException.class)
				.isThrownBy(() -> mode.enable("Upgrade"));
			assertThat(storeErrors(registry, "read")).isEqualTo(3);
			assertThat(storeErrors(registry, "write")).isOne();
			assertThat(transitions(registry, "off", "full")).isZero();
		});
	}

	private static double transitions(MeterRegistry registry, String from, String to) {
		return registry.get("maintenance.transitions").tag("from", from).tag("to", to).counter().count();
	}

	private static double storeErrors(MeterRegistry registry, String operation) {
		return registry.get("maintenance.store.errors")
			.tag("store", "memory")
			.tag("operation", operation)
			.counter()
			.count();
	}

	/**
	 * The in-memory store, made to fail like an unreachable database.
	 */
	static class FlakyStore extends InMemoryMaintenanceStateStore {

		volatile boolean failReads;

		volatile boolean failWrites;

		@Override
		public synchronized Optional<MaintenanceState> read() {
			if (this.failReads) {
				throw new IllegalStateException("Connection refused");
			}
			return super.read();
		}

		@Override
		public synchronized MaintenanceState write(MaintenanceState state, long expectedVersion) {
			if (this.failWrites) {
				throw new IllegalStateException("Connection refused");
			}
			return super.write(state, expectedVersion);
		}

	}

}
