package io.github.maintenancemode.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.store.FileMaintenanceStateStore;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MaintenanceFileStoreAutoConfiguration}.
 */
class MaintenanceFileStoreAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MaintenanceFileStoreAutoConfiguration.class, MaintenanceAutoConfiguration.class));

	@TempDir
	private Path directory;

	@Test
	void storeIsCreatedWhenTypeIsFile() {
		this.runner.withPropertyValues("maintenance.store.type=file").run((context) -> {
			assertThat(context).hasSingleBean(MaintenanceStateStore.class)
				.hasSingleBean(FileMaintenanceStateStore.class);
			FileMaintenanceStateStore store = context.getBean(FileMaintenanceStateStore.class);
			assertThat(store.type()).isEqualTo("file");
			assertThat(store.getPath()).isEqualTo(Path.of("MAINTENANCE").toAbsolutePath());
			assertThat(store.pollInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(context.getBean(MaintenanceMode.class).storeType()).isEqualTo("file");
		});
	}

	@Test
	void pathAndPollIntervalAreHonoured() {
		Path file = this.directory.resolve("ops/switch");
		this.runner
			.withPropertyValues("maintenance.store.type=file", "maintenance.store.file.path=" + file,
					"maintenance.store.file.poll-interval=250ms")
			.run((context) -> {
				FileMaintenanceStateStore store = context.getBean(FileMaintenanceStateStore.class);
				assertThat(store.getPath()).isEqualTo(file);
				assertThat(store.pollInterval()).isEqualTo(Duration.ofMillis(250));
				assertThat(new MaintenanceStoreSync(context.getBean(MaintenanceMode.class)).storeError())
					.contains("'file'")
					.contains(file.toString())
					.contains("directory does not exist");
			});
	}

	@Test
	void storeIsNotCreatedForAnotherStoreType() {
		this.runner.withPropertyValues("maintenance.store.type=memory")
			.run((context) -> assertThat(context).doesNotHaveBean(FileMaintenanceStateStore.class)
				.hasSingleBean(InMemoryMaintenanceStateStore.class));
	}

	@Test
	void storeIsNotCreatedWhenNoStoreTypeIsSet() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(FileMaintenanceStateStore.class)
			.hasSingleBean(InMemoryMaintenanceStateStore.class));
	}

	@Test
	void storeDefinedByTheApplicationWins() {
		this.runner.withPropertyValues("maintenance.store.type=file")
			.withBean("customStore", MaintenanceStateStore.class, InMemoryMaintenanceStateStore::new)
			.run((context) -> assertThat(context).hasSingleBean(MaintenanceStateStore.class)
				.hasBean("customStore")
				.doesNotHaveBean(FileMaintenanceStateStore.class));
	}

	@Test
	void nonPositivePollIntervalFailsWithAMessageNamingTheProperty() {
		this.runner.withPropertyValues("maintenance.store.type=file", "maintenance.store.file.poll-interval=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("maintenance.store.file.poll-interval"));
	}

	@Test
	void maintenanceModeWritesTheFile() {
		Path file = this.directory.resolve("MAINTENANCE");
		this.runner.withPropertyValues("maintenance.store.type=file", "maintenance.store.file.path=" + file)
			.run((context) -> {
				MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
				maintenanceMode.enable("Database upgrade");
				assertThat(Files.readString(file)).contains("\"reason\":\"Database upgrade\"");
				maintenanceMode.disable();
				assertThat(file).doesNotExist();
			});
	}

	@Test
	void fileCreatedAndRemovedByHandSwitchesMaintenanceWithinThePollInterval() {
		Path file = this.directory.resolve("MAINTENANCE");
		this.runner
			.withPropertyValues("maintenance.store.type=file", "maintenance.store.file.path=" + file,
					"maintenance.store.file.poll-interval=50ms")
			.run((context) -> {
				MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
				assertThat(maintenanceMode.isActive()).isFalse();
				Files.writeString(file, "Switched on by hand");
				await().atMost(Duration.ofSeconds(2)).until(maintenanceMode::isActive);
				assertThat(maintenanceMode.status().reason()).isEqualTo("Switched on by hand");
				Files.delete(file);
				await().atMost(Duration.ofSeconds(2)).until(() -> !maintenanceMode.isActive());
				assertThat(maintenanceMode.status().enabled()).isFalse();
			});
	}

	@Test
	void fileLeftFromBeforeTheStartIsTheInitialState() throws Exception {
		Path file = this.directory.resolve("MAINTENANCE");
		Files.writeString(file, "{\"reason\": \"Still upgrading\", \"mode\": \"READ_ONLY\"}");
		this.runner
			.withPropertyValues("maintenance.store.type=file", "maintenance.store.file.path=" + file,
					"maintenance.enabled=false")
			.run((context) -> {
				MaintenanceState state = context.getBean(MaintenanceMode.class).status();
				assertThat(state.enabled()).isTrue();
				assertThat(state.reason()).isEqualTo("Still upgrading");
				assertThat(state.mode()).isEqualTo(MaintenanceState.Mode.READ_ONLY);
			});
	}

}
