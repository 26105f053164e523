package io.github.maintenancemode.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateConflictException;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.store.MaintenanceFileFormat.Record;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link MaintenanceStateStore} on a {@code MAINTENANCE} file: maintenance is on while
 * the file exists and off when it does not, so {@code touch MAINTENANCE} and
 * {@code rm MAINTENANCE} work from a shell. The file's text is the reason; a JSON object
 * with the state's fields ({@code reason}, {@code until}, {@code mode}, {@code since},
 * {@code scheduledStart}, {@code updatedBy}, {@code version}) is accepted too, and is
 * what the store writes. Instances that share the file (on one machine, or on a shared
 * file system) share the state; they re-read it at the {@link #pollInterval() poll
 * interval}, since file-system notifications miss changes made on other machines.
 * <p>
 * Versions: next to the file, a hidden record ({@code .MAINTENANCE.state}) keeps the
 * state with its version and a digest of the file it belongs to. It also holds the state
 * while maintenance is off (the file is gone then), including a planned window. When the
 * file no longer matches the record, it was created, changed or removed by hand: the
 * first instance to see it records it as a new version, higher than every version
 * recorded before and no lower than the current time in epoch milliseconds, so that a
 * hand change also wins over what an instance knew when its record was lost.
 * <p>
 * Writes are a compare-and-set under an exclusive lock on a hidden lock file
 * ({@code .MAINTENANCE.lock}, held across processes and threads), and replace each file
 * atomically (a temporary file in the same directory, then an atomic move), so a reader
 * sees the old or the new file, never half of one. A directory that does not exist or
 * cannot be written, and every other failure to use the files, is reported as a
 * {@link MaintenanceStoreUnavailableException} naming the store type and the path.
 */
public class FileMaintenanceStateStore implements MaintenanceStateStore {

	/**
	 * The store's type, as selected with {@code maintenance.store.type}.
	 */
	public static final String TYPE = "file";

	/**
	 * The file used unless another is given: {@code MAINTENANCE} in the working
	 * directory.
	 */
	public static final String DEFAULT_PATH = "MAINTENANCE";

	/**
	 * The poll interval used unless another is given.
	 */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

	/**
	 * Who made a change found in the file, unless the file names someone.
	 */
	static final String CHANGED_BY_HAND = "file";

	private static final Log logger = LogFactory.getLog(FileMaintenanceStateStore.class);

	private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

	private final Path path;

	/**
	 * The directory that holds the file.
	 */
	private final Path directory;

	private final Path recordPath;

	private final MaintenanceFileLock lock;

	private final Duration pollInterval;

	private final Clock clock;

	/**
	 * Create a store that is polled every second.
	 * @param path the maintenance file; a relative path is resolved against the working
	 * directory
	 */
	public FileMaintenanceStateStore(Path path) {
		this(path, DEFAULT_POLL_INTERVAL);
	}

	/**
	 * Create a store.
	 * @param path the maintenance file; a relative path is resolved against the working
	 * directory
	 * @param pollInterval how often instances should re-read the file
	 */
	public FileMaintenanceStateStore(Path path, Duration pollInterval) {
		this(path, pollInterval, Clock.systemUTC());
	}

	FileMaintenanceStateStore(Path path, Duration pollInterval, Clock clock) {
		Assert.isTrue(pollInterval.toMillis() > 0, "Poll interval must be at least one millisecond");
		this.path = path.toAbsolutePath().normalize();
		Path directory = this.path.getParent();
		Path fileName = this.path.getFileName();
		if (directory == null || fileName == null) {
			throw new IllegalArgumentException("'" + path + "' cannot be a maintenance file");
		}
		this.directory = directory;
		String name = fileName.toString();
		this.recordPath = sibling("." + name + ".state");
		this.lock = new MaintenanceFileLock(sibling("." + name + ".lock"), LOCK_TIMEOUT);
		this.pollInterval = pollInterval;
		this.clock = clock;
	}

	@Override
	@SuppressWarnings("try") // the lock is held for the block's duration
	public Optional<MaintenanceState> read() {
		try {
			checkDirectory();
			MaintenanceFileSnapshot snapshot = snapshot();
			if (snapshot.isRecorded()) {
				return snapshot.recordedState();
			}
			try (MaintenanceFileLock.Held held = this.lock.acquire()) {
				return recordChanges(snapshot());
			}
		}
		catch (IOException | RuntimeException ex) {
			throw unavailable("read", ex);
		}
	}

	@Override
	@SuppressWarnings("try") // the lock is held for the block's duration
	public MaintenanceState write(MaintenanceState state, long expectedVersion) {
		Assert.isTrue(expectedVersion >= 0, "Expected version must not be negative");
		try {
			checkDirectory();
			try (MaintenanceFileLock.Held held = this.lock.acquire()) {
				long actual = recordChanges(snapshot()).map(MaintenanceState::version).orElse(0L);
				if (actual != expectedVersion) {
					throw new MaintenanceStateConflictException(expectedVersion, actual);
				}
				MaintenanceState stored = state.withVersion(expectedVersion + 1);
				byte @Nullable [] file = stored.enabled() ? MaintenanceFileFormat.maintenanceFile(stored) : null;
				if (file != null) {
					replace(this.path, file);
				}
				else {
					Files.deleteIfExists(this.path);
				}
				replace(this.recordPath, MaintenanceFileFormat.record(stored, MaintenanceFileFormat.digest(file)));
				return stored;
			}
		}
		catch (MaintenanceStateConflictException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw unavailable("write", ex);
		}
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Duration pollInterval() {
		return this.pollInterval;
	}

	/**
	 * Return the maintenance file.
	 * @return the absolute path of the file
	 */
	public Path getPath() {
		return this.path;
	}

	private Path sibling(String name) {
		return this.path.resolveSibling(name);
	}

	private void checkDirectory() throws IOException {
		Path directory = this.directory;
		if (!Files.isDirectory(directory)) {
			throw Files.exists(directory) ? new NotDirectoryException(directory.toString())
					: new NoSuchFileException(directory.toString(), null, "directory does not exist");
		}
		if (!Files.isWritable(directory)) {
			throw new AccessDeniedException(directory.toString(), null, "directory is not writable");
		}
	}

	private MaintenanceFileSnapshot snapshot() throws IOException {
		return MaintenanceFileSnapshot.read(this.recordPath, this.path);
	}

	/**
	 * Record what changed in the file since the last record, as a new version. Called
	 * with the lock held, on a snapshot taken with the lock held.
	 */
	private Optional<MaintenanceState> recordChanges(MaintenanceFileSnapshot snapshot) throws IOException {
		if (snapshot.isRecorded()) {
			return snapshot.recordedState();
		}
		Record record = snapshot.record();
		long previous = (record != null) ? record.state().version() : 0;
		MaintenanceState found = (snapshot.file() != null)
				? MaintenanceFileFormat.readMaintenanceFile(snapshot.file(), lastModified(), CHANGED_BY_HAND)
				: MaintenanceState.off(CHANGED_BY_HAND, 0);
		long version = Math.max(Math.max(previous + 1, found.version()), this.clock.millis());
		MaintenanceState changed = found.withVersion(version);
		replace(this.recordPath, MaintenanceFileFormat.record(changed, snapshot.fileDigest()));
		logger.info("Maintenance file " + this.path + " was "
				+ ((snapshot.file() != null) ? "created or changed" : "removed")
				+ " outside the application; recorded as version " + version);
		return Optional.of(changed);
	}

	private Instant lastModified() throws IOException {
		try {
			return Files.getLastModifiedTime(this.path).toInstant().truncatedTo(ChronoUnit.MILLIS);
		}
		catch (NoSuchFileException ex) {
			return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		}
	}

	private void replace(Path target, byte[] content) throws IOException {
		Path temporary = sibling("." + this.path.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(false);
			}
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private MaintenanceStoreUnavailableException unavailable(String action, Exception ex) {
		String detail = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
		return new MaintenanceStoreUnavailableException(
				"Maintenance state store '" + TYPE + "' could not " + action + " " + this.path + ": " + detail, ex);
	}

}
