package io.github.maintenancemode.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateConflictException;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.test.AbstractSharedMaintenanceStateStoreTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The store contract for {@link FileMaintenanceStateStore}, plus the {@code MAINTENANCE}
 * file convention: changes made to the file by hand, atomic replacement, and writers in
 * several threads and store instances.
 */
class FileMaintenanceStateStoreTests extends AbstractSharedMaintenanceStateStoreTests {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	@TempDir
	private Path directory;

	private Path file() {
		return this.directory.resolve("MAINTENANCE");
	}

	@Override
	protected void clearStoredState() throws IOException {
		// every test has a directory of its own; a test that loses the state removes the
		// file and its record by hand
		Files.deleteIfExists(file());
		Files.deleteIfExists(this.directory.resolve(".MAINTENANCE.state"));
	}

	@Override
	protected FileMaintenanceStateStore createStore() {
		return new FileMaintenanceStateStore(file(), POLL_INTERVAL);
	}

	@Override
	protected InterruptibleEngine createInterruptibleStore() throws IOException {
		Path engine = Files.createDirectory(this.directory.resolve("engine"));
		Path away = this.directory.resolve("engine-away");
		FileMaintenanceStateStore store = new FileMaintenanceStateStore(engine.resolve("MAINTENANCE"), POLL_INTERVAL);
		return new InterruptibleEngine() {

			@Override
			public MaintenanceStateStore store() {
				return store;
			}

			@Override
			public void cut() throws IOException {
				Files.move(engine, away);
			}

			@Override
			public void restore() throws IOException {
				Files.move(away, engine);
			}

		};
	}

	@Override
	protected MaintenanceStateStore createUnreachableStore() {
		try {
			Path regularFile = Files.writeString(this.directory.resolve("not-a-directory"), "x");
			return new FileMaintenanceStateStore(regularFile.resolve("MAINTENANCE"), POLL_INTERVAL);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void storeIsUnavailableWhenTheDirectoryDoesNotExist() {
		FileMaintenanceStateStore store = new FileMaintenanceStateStore(this.directory.resolve("gone/MAINTENANCE"));
		assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(store::read)
			.withMessageContaining("'file'")
			.withMessageContaining(store.getPath().toString())
			.withMessageContaining("directory does not exist");
	}

	@Test
	void touchedFileSwitchesMaintenanceOnWithoutAReason() throws IOException {
		FileMaintenanceStateStore store = createStore();
		Files.createFile(file());
		MaintenanceState state = store.read().orElseThrow();
		assertThat(state.enabled()).isTrue();
		assertThat(state.reason()).isNull();
		assertThat(state.mode()).isEqualTo(MaintenanceState.Mode.FULL);
		assertThat(state.since())
			.isEqualTo(Files.getLastModifiedTime(file()).toInstant().truncatedTo(ChronoUnit.MILLIS));
		assertThat(state.updatedBy()).isEqualTo("file");
		assertThat(state.version()).isPositive();
	}

	@Test
	void plainTextIsTheReason() throws IOException {
		Files.writeString(file(), "Database upgrade: back at 02:00 ✓\n");
		MaintenanceState state = createStore().read().orElseThrow();
		assertThat(state.enabled()).isTrue();
		assertThat(state.reason()).isEqualTo("Database upgrade: back at 02:00 ✓");
	}

	@Test
	void jsonBodyGivesTheFields() throws IOException {
		Files.writeString(file(), """
				{"reason": "Upgrade", "until": "2026-12-01T02:00:00+01:00", "mode": "read-only",
				 "since": "2026-12-01T00:00:00Z", "updatedBy": "ops", "unknown": [1, 2]}
				""");
		MaintenanceState state = createStore().read().orElseThrow();
		assertThat(state.enabled()).isTrue();
		assertThat(state.reason()).isEqualTo("Upgrade");
		assertThat(state.until()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
		assertThat(state.mode()).isEqualTo(MaintenanceState.Mode.READ_ONLY);
		assertThat(state.since()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
		assertThat(state.updatedBy()).isEqualTo("ops");
	}

	@Test
	void jsonFieldsThatCannotBeReadAreLeftOutButMaintenanceIsOn() throws IOException {
		Files.writeString(file(), "{\"reason\": \"Upgrade\", \"until\": \"tomorrow\", \"mode\": \"PARTIAL\"}");
		MaintenanceState state = createStore().read().orElseThrow();
		assertThat(state.enabled()).isTrue();
		assertThat(state.reason()).isEqualTo("Upgrade");
		assertThat(state.until()).isNull();
		assertThat(state.mode()).isEqualTo(MaintenanceState.Mode.FULL);
	}

	@Test
	void brokenJsonSwitchesMaintenanceOnWithoutAReason() throws IOException {
		Files.writeString(file(), "{\"reason\": \"Upgr");
		MaintenanceState state = createStore().read().orElseThrow();
		assertThat(state.enabled()).isTrue();
		assertThat(state.reason()).isNull();
	}

	@Test
	void deletedFileSwitchesMaintenanceOff() throws IOException {
		FileMaintenanceStateStore store = createStore();
		MaintenanceState on = store.write(sample("Upgrade"), 0);
		assertThat(file()).exists();
		Files.delete(file());
		MaintenanceState off = store.read().orElseThrow();
		assertThat(off.enabled()).isFalse();
		assertThat(off.reason()).isNull();
		assertThat(off.version()).isGreaterThan(on.version());
	}

	@Test
	void storeWritesAFileThatPeopleCanRead() throws IOException {
		FileMaintenanceStateStore store = createStore();
		store.write(sample("Database upgrade"), 0);
		assertThat(Files.readString(file())).contains("\"reason\":\"Database upgrade\"")
			.contains("\"until\":\"2026-12-01T02:30:00Z\"")
			.contains("\"mode\":\"READ_ONLY\"")
			.contains("\"version\":1")
			.endsWith("}\n");
		store.write(MaintenanceState.INITIAL, 1);
		assertThat(file()).doesNotExist();
		assertThat(store.read()).contains(MaintenanceState.INITIAL.withVersion(2));
	}

	@Test
	void plannedWindowIsKeptWhileMaintenanceIsOff() {
		FileMaintenanceStateStore store = createStore();
		MaintenanceState planned = new MaintenanceState(false, MaintenanceState.Mode.READ_ONLY, "Upgrade", null,
				Instant.parse("2026-12-01T03:00:00Z"), Instant.parse("2026-12-01T02:00:00Z"), "ops", 0);
		store.write(planned, 0);
		assertThat(file()).doesNotExist();
		assertThat(createStore().read()).contains(planned.withVersion(1));
	}

	@Test
	void everyChangeByHandIsANewVersionThatOutdatesWhatInstancesKnew() throws IOException {
		FileMaintenanceStateStore store = createStore();
		MaintenanceState written = store.write(sample("through the store"), 0);
		Files.writeString(file(), "edited by hand");
		MaintenanceState edited = store.read().orElseThrow();
		assertThat(edited.reason()).isEqualTo("edited by hand");
		assertThat(edited.version()).isGreaterThan(written.version());
		assertThat(createStore().read()).contains(edited);
		assertThatExceptionOfType(MaintenanceStateConflictException.class)
			.isThrownBy(() -> createStore().write(sample("unaware of the edit"), written.version()));
		Files.delete(file());
		MaintenanceState removed = store.read().orElseThrow();
		assertThat(removed.version()).isGreaterThan(edited.version());
		MaintenanceState again = store.write(sample("after the removal"), removed.version());
		assertThat(again.version()).isEqualTo(removed.version() + 1);
		assertThat(createStore().read()).contains(again);
	}

	@Test
	void unchangedContentIsNoNewVersion() throws IOException {
		FileMaintenanceStateStore store = createStore();
		Files.writeString(file(), "Upgrade");
		MaintenanceState first = store.read().orElseThrow();
		Files.setLastModifiedTime(file(), FileTime.from(Instant.now().plusSeconds(5)));
		assertThat(store.read()).contains(first);
	}

	@Test
	void fileMadeByHandSurvivesARestart() throws IOException {
		Files.writeString(file(), "Upgrade");
		MaintenanceState before = createStore().read().orElseThrow();
		assertThat(createStore().read()).contains(before);
	}

	@Test
	void lostRecordIsRebuiltFromTheFile() throws IOException {
		FileMaintenanceStateStore store = createStore();
		MaintenanceState written = store.write(sample("Upgrade"), 0);
		Files.delete(this.directory.resolve(".MAINTENANCE.state"));
		MaintenanceState rebuilt = createStore().read().orElseThrow();
		assertThat(rebuilt.reason()).isEqualTo("Upgrade");
		assertThat(rebuilt.until()).isEqualTo(written.until());
		assertThat(rebuilt.version()).isGreaterThan(written.version());
	}

	@Test
	void unreadableRecordIsRebuiltFromTheFile() throws IOException {
		FileMaintenanceStateStore store = createStore();
		MaintenanceState written = store.write(sample("Upgrade"), 0);
		Files.writeString(this.directory.resolve(".MAINTENANCE.state"), "{\"version\": ");
		MaintenanceState rebuilt = store.read().orElseThrow();
		assertThat(rebuilt.reason()).isEqualTo("Upgrade");
		assertThat(rebuilt.version()).isGreaterThan(written.version());
	}

	@Test
	void readersNeverSeeHalfAFile() throws Exception {
		String longReason = "x".repeat(128 * 1024);
		FileMaintenanceStateStore writer = createStore();
		FileMaintenanceStateStore reader = createStore();
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> writes = executor.submit(() -> {
				long version = 0;
				for (int i = 0; i < 30; i++) {
					String reason = (i % 2 == 0) ? "short " + i : longReason + i;
					version = writer.write(sample(reason), version).version();
				}
				return (int) version;
			});
			Future<Integer> reads = executor.submit(() -> {
				int seen = 0;
				while (!writes.isDone()) {
					byte[] raw = readIfExists(file());
					if (raw != null) {
						String text = new String(raw, StandardCharsets.UTF_8);
						assertThat(text).startsWith("{").endsWith("}\n");
						seen++;
					}
					Optional<MaintenanceState> state = reader.read();
					state.map(MaintenanceState::reason)
						.ifPresent((reason) -> assertThat(reason).matches("short \\d+|x{131072}\\d+"));
				}
				return seen;
			});
			assertThat(writes.get(30, TimeUnit.SECONDS)).isEqualTo(30);
			assertThat(reads.get(30, TimeUnit.SECONDS)).isPositive();
		}
		finally {
			executor.shutdownNow();
		}
		try (var files = Files.list(this.directory)) {
			assertThat(files.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder("MAINTENANCE",
					".MAINTENANCE.state", ".MAINTENANCE.lock");
		}
	}

	@Test
	void twoInstancesWithSeveralWritersEachNeverLoseAnIncrement() throws Exception {
		List<FileMaintenanceStateStore> instances = List.of(createStore(), createStore());
		int threadsPerInstance = 2;
		int incrementsEach = 15;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(instances.size() * threadsPerInstance);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (FileMaintenanceStateStore store : instances) {
				for (int t = 0; t < threadsPerInstance; t++) {
					futures.add(executor.submit(() -> {
						start.await();
						for (int n = 0; n < incrementsEach; n++) {
							increment(store);
						}
						return null;
					}));
				}
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		int total = instances.size() * threadsPerInstance * incrementsEach;
		assertThat(createStore().read()).map(MaintenanceState::reason).contains(String.valueOf(total));
	}

	@Test
	void writersInSeveralProcessesNeverLoseAnIncrement() throws Exception {
		int incrementsEach = 25;
		List<Process> processes = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), FileStoreIncrementer.class.getName(), file().toString(),
					String.valueOf(incrementsEach))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("process-" + i + ".log").toFile())
				.start());
		}
		FileMaintenanceStateStore store = createStore();
		await().atMost(Duration.ofSeconds(30)).until(() -> store.read().isPresent());
		for (int n = 0; n < incrementsEach; n++) {
			increment(store);
		}
		for (Process process : processes) {
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isZero();
		}
		assertThat(store.read()).map(MaintenanceState::reason).contains(String.valueOf(3 * incrementsEach));
	}

	static void increment(MaintenanceStateStore store) {
		while (true) {
			MaintenanceState current = store.read().orElse(MaintenanceState.INITIAL);
			int count = (current.reason() != null) ? Integer.parseInt(current.reason()) : 0;
			try {
				store.write(sample(String.valueOf(count + 1)), current.version());
				return;
			}
			catch (MaintenanceStateConflictException ex) {
				// another writer came first: read again and retry
			}
		}
	}

	private static byte[] readIfExists(Path file) throws IOException {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

}
