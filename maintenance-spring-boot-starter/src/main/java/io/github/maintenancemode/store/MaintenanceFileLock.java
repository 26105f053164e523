package io.github.maintenancemode.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * An exclusive lock on a lock file, held across processes (a {@link FileLock}) and across
 * the threads of this process (file locks are held by the whole process, so threads and
 * store instances of one process first take a lock of their own per lock file).
 */
final class MaintenanceFileLock {

	private static final ConcurrentMap<Path, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();

	private static final long RETRY_MILLIS = 2;

	private final Path lockFile;

	private final ReentrantLock localLock;

	private final Duration timeout;

	MaintenanceFileLock(Path lockFile, Duration timeout) {
		this.lockFile = lockFile;
		this.localLock = LOCAL_LOCKS.computeIfAbsent(lockFile, (file) -> new ReentrantLock());
		this.timeout = timeout;
	}

	/**
	 * Wait for the lock.
	 * @return the held lock, to close to release it
	 * @throws IOException if the lock file cannot be used or the lock was not free within
	 * the timeout
	 */
	Held acquire() throws IOException {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			if (!this.localLock.tryLock(this.timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				throw timedOut();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while waiting for " + this.lockFile);
		}
		FileChannel channel = null;
		try {
			channel = FileChannel.open(this.lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			awaitFileLock(channel, deadline);
			return new Held(channel, this.localLock);
		}
		catch (IOException | RuntimeException ex) {
			if (channel != null) {
				channel.close();
			}
			this.localLock.unlock();
			throw ex;
		}
	}

	private void awaitFileLock(FileChannel channel, long deadline) throws IOException {
		while (tryLock(channel) == null) {
			if (System.nanoTime() - deadline > 0) {
				throw timedOut();
			}
			try {
				Thread.sleep(RETRY_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("Interrupted while waiting for " + this.lockFile);
			}
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// this process holds it through another path to the same file
			return null;
		}
	}

	private IOException timedOut() {
		return new IOException("Lock " + this.lockFile + " was not free within " + this.timeout.toMillis() + "ms");
	}

	/**
	 * A held lock.
	 */
	static final class Held implements AutoCloseable {

		private final FileChannel channel;

		private final ReentrantLock localLock;

		private Held(FileChannel channel, ReentrantLock localLock) {
			this.channel = channel;
			this.localLock = localLock;
		}

		/**
		 * Release the lock: closing the channel releases the file lock.
		 */
		@Override
		public void close() throws IOException {
			try {
				this.channel.close();
			}
			finally {
				this.localLock.unlock();
			}
		}

	}

}
