package io.github.maintenancemode;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Where the maintenance state lives. Implementations must be thread-safe.
 * <p>
 * Writes are versioned: {@link #write(MaintenanceState, long)} stores a state only when
 * the stored version is still the one the caller read, so two instances writing at once
 * never lose an update silently. Every method may throw
 * {@link MaintenanceStoreUnavailableException} when the engine behind the store cannot be
 * reached.
 */
public interface MaintenanceStateStore {

	/**
	 * Read the stored state.
	 * @return the stored state, or empty when the store holds none
	 */
	Optional<MaintenanceState> read();

	/**
	 * Store a state if the stored version is still {@code expectedVersion} (0 when the
	 * store holds none).
	 * @param state the state to store; its version is ignored
	 * @param expectedVersion the version the caller read
	 * @return the stored state, carrying version {@code expectedVersion + 1}
	 * @throws MaintenanceStateConflictException if another writer came first
	 */
	MaintenanceState write(MaintenanceState state, long expectedVersion);

	/**
	 * A short name for the kind of store, such as {@code memory} or {@code jdbc}.
	 * @return the type
	 */
	String type();

	/**
	 * Register a listener that the store calls with the new state when a change made
	 * elsewhere reaches it. Stores that cannot notify do nothing and are polled.
	 * @param listener the listener
	 */
	default void subscribe(Consumer<MaintenanceState> listener) {
	}

	/**
	 * Whether this store tells {@link #subscribe subscribers} of changes made elsewhere
	 * as they happen (rather than leaving them to the next poll). The store contract
	 * tests hold a store that says so to it.
	 * @return whether changes are pushed
	 */
	default boolean notifiesChanges() {
		return false;
	}

	/**
	 * How often the state should be re-read from this store, or {@code null} when it
	 * never changes behind the application's back (the in-memory store). Stores that
	 * notify return a longer safety-net interval.
	 * @return the poll interval, or {@code null}
	 */
	default @Nullable Duration pollInterval() {
		return null;
	}

}
