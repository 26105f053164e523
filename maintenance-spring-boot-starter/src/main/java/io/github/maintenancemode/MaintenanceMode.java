package io.github.maintenancemode;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The maintenance switch that applications inject. Every change of state, whatever its
 * source (endpoint, properties, store, schedule), goes through this class, which writes
 * it to the {@link MaintenanceStateStore}, keeps it in one volatile reference for the
 * request path and publishes a {@link MaintenanceModeChangedEvent}; every failed call to
 * the store publishes a {@link MaintenanceStoreFailedEvent}.
 * <p>
 * Reading the state ({@link #status()}, {@link #isActive()}) never touches the store.
 * What keeps the switch in step with its store (the first read at startup, re-reads,
 * change notifications and the last store error) is on {@link MaintenanceStoreSync}, for
 * the infrastructure that does it.
 */
public class MaintenanceMode {

	private static final Log logger = LogFactory.getLog(MaintenanceMode.class);

	private static final int MAX_WRITE_ATTEMPTS = 5;

	private final MaintenanceStateStore store;

	private final Clock clock;

	/**
	 * Held for every read and write of the store and the change it makes here, so that
	 * the state served is always the one the store answered last.
	 */
	private final Object storeAccess = new Object();

	private volatile MaintenanceState current = MaintenanceState.INITIAL;

	/**
	 * The state from the application's properties, written when the store holds none
	 * before any state was confirmed by it.
	 */
	private MaintenanceState initial = MaintenanceState.INITIAL;

	/**
	 * Whether {@link #current} came from the store (rather than being assumed while the
	 * store was unreachable at startup).
	 */
	private boolean confirmed;

	/**
	 * Whether the store failed since {@link #current} was confirmed: this instance may
	 * have missed changes made through others meanwhile.
	 */
	private boolean failedSinceConfirmed;

	/**
	 * Whether a write-back to an empty store was put off once, to let an instance that
	 * kept in touch with the store write first.
	 */
	private boolean writeBackPutOff;

	/**
	 * Change events and store failures, published once {@link #storeAccess} is released.
	 */
	private final ChangeEventQueue events;

	private volatile @Nullable String storeError;

	/**
	 * Create the switch.
	 * @param store where the state lives
	 * @param eventPublisher publishes the change events
	 * @param clock the clock that dates changes
	 */
	public MaintenanceMode(MaintenanceStateStore store, ApplicationEventPublisher eventPublisher, Clock clock) {
		this.store = store;
		this.events = new ChangeEventQueue(eventPublisher);
		this.clock = clock;
	}

	/**
	 * Return the current state, as last written or received from the store.
	 * @return the current state
	 */
	public MaintenanceState status() {
		return this.current;
	}

	/**
	 * Return whether maintenance is on.
	 * @return whether maintenance is on
	 */
	public boolean isActive() {
		return this.current.enabled();
	}

	/**
	 * Switch maintenance on in {@link MaintenanceState.Mode#FULL} mode.
	 * @param reason why, shown to visitors
	 * @return the new state
	 */
	public MaintenanceState enable(@Nullable String reason) {
		return enable(MaintenanceState.Mode.FULL, reason, null, null);
	}

	/**
	 * Switch maintenance on, or change the details of a maintenance already on.
	 * @param mode how much of the application to close
	 * @param reason why, shown to visitors
	 * @param until when maintenance is expected to end
	 * @param updatedBy who asks for the change
	 * @return the new state
	 * @throws MaintenanceStoreUnavailableException if the store cannot be reached; the
	 * state does not change
	 */
	public MaintenanceState enable(MaintenanceState.Mode mode, @Nullable String reason, @Nullable Instant until,
			@Nullable String updatedBy) {
		return enable(mode, reason, until, updatedBy, false);
	}

	/**
	 * Switch maintenance on, or change the details of a maintenance already on, and
	 * choose whether it ends by itself at {@code until}.
	 * @param mode how much of the application to close
	 * @param reason why, shown to visitors
	 * @param until when maintenance is expected to end
	 * @param updatedBy who asks for the change
	 * @param autoEnd whether maintenance ends by itself at {@code until} (which is then
	 * required), like a planned window that has begun
	 * @return the new state
	 * @throws MaintenanceStoreUnavailableException if the store cannot be reached; the
	 * state does not change
	 */
	public MaintenanceState enable(MaintenanceState.Mode mode, @Nullable String reason, @Nullable Instant until,
			@Nullable String updatedBy, boolean autoEnd) {
		if (autoEnd && until == null) {
			throw new IllegalArgumentException("Maintenance that ends by itself needs an end ('until')");
		}
		return update((previous) -> {
			Instant since = (previous.enabled() && previous.since() != null) ? previous.since() : now();
			return new MaintenanceState(true, mode, reason, since, until, autoEnd ? since : null, updatedBy,
					previous.version());
		});
	}

	/**
	 * Plan a maintenance window that starts by itself at {@code start} and, when
	 * {@code until} is given, ends by itself then.
	 * @param start when the window begins
	 * @param until when it ends, or {@code null} to end it by hand
	 * @param mode how much of the application to close
	 * @param reason why, shown to visitors (and announced before the start)
	 * @param updatedBy who asks for the change
	 * @return the new state
	 * @throws IllegalStateException if maintenance is already on
	 */
	public MaintenanceState schedule(Instant start, @Nullable Instant until, MaintenanceState.Mode mode,
			@Nullable String reason, @Nullable String updatedBy) {
		return update((previous) -> {
			if (previous.enabled()) {
				throw new IllegalStateException("Maintenance is already on; switch it off before planning a window");
			}
			return MaintenanceState.planned(mode, reason, start, until, updatedBy, previous.version());
		});
	}

	/**
	 * Switch maintenance off.
	 * @return the new state
	 */
	public MaintenanceState disable() {
		return disable(null);
	}

	/**
	 * Switch maintenance off.
	 * @param updatedBy who asks for the change
	 * @return the new state
	 * @throws MaintenanceStoreUnavailableException if the store cannot be reached; the
	 * state does not change
	 */
	public MaintenanceState disable(@Nullable String updatedBy) {
		return update((previous) -> MaintenanceState.off(updatedBy, previous.version()));
	}

	/**
	 * Apply a change to the stored state. The change is applied to the freshest stored
	 * state and written with a version check; when another writer came first it is
	 * applied again to that writer's state. A change that returns the stored state itself
	 * writes nothing. When this method returns, the returned state is the one this
	 * instance serves.
	 * @param change computes the new state from the stored one
	 * @return the new state
	 * @throws MaintenanceStoreUnavailableException if the store cannot be reached
	 * @throws MaintenanceStateConflictException if other writers kept coming first
	 */
	public MaintenanceState update(UnaryOperator<MaintenanceState> change) {
		try {
			return changeStore(change);
		}
		finally {
			this.events.publish();
		}
	}

	private MaintenanceState changeStore(UnaryOperator<MaintenanceState> change) {
		synchronized (this.storeAccess) {
			MaintenanceStateConflictException conflict = null;
			for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
				MaintenanceState base = readStoreNow();
				MaintenanceState next = change.apply(base);
				if (next == base) {
					apply(base);
					return this.current;
				}
				try {
					MaintenanceState stored = storeCall(MaintenanceStoreFailedEvent.Operation.WRITE,
							() -> this.store.write(next, base.version()));
					apply(stored);
					return stored;
				}
				catch (MaintenanceStateConflictException ex) {
					conflict = ex;
				}
			}
			throw conflict;
		}
	}

	/**
	 * Re-read the store and serve what it holds. Failures are recorded for the health
	 * contributor, never thrown.
	 */
	void refresh() {
		synchronized (this.storeAccess) {
			try {
				MaintenanceState stored = readStore(true);
				if (stored != null) {
					apply(stored);
				}
			}
			catch (RuntimeException ex) {
				recordStoreError(ex);
			}
		}
		this.events.publish();
	}

	/**
	 * Set the state at startup: the stored one, or {@code initial} when the store holds
	 * none or cannot be reached.
	 * @param initial the state from the application's properties
	 */
	void initialize(MaintenanceState initial) {
		initialize(initial, initial);
	}

	/**
	 * Set the state at startup: the stored one; {@code initial} when the store holds
	 * none; {@code whenUnreachable} when it cannot be reached (the instance then catches
	 * up by itself when the store returns).
	 * @param initial the state from the application's properties
	 * @param whenUnreachable the state to assume while the store cannot be reached
	 */
	void initialize(MaintenanceState initial, MaintenanceState whenUnreachable) {
		try {
			initializeFromStore(initial, whenUnreachable);
		}
		finally {
			this.events.publish();
		}
	}

	private void initializeFromStore(MaintenanceState initial, MaintenanceState whenUnreachable) {
		synchronized (this.storeAccess) {
			this.initial = startingNow(initial);
			this.confirmed = false;
			try {
				apply(readStoreNow());
			}
			catch (RuntimeException ex) {
				recordStoreError(ex);
				logger.warn("Maintenance state store '" + this.store.type() + "' is unreachable at startup ("
						+ this.storeError + "); starting " + (whenUnreachable.enabled() ? "in" : "out of")
						+ " maintenance until it answers");
				logger.debug("Maintenance state store failure", ex);
				serve(startingNow(whenUnreachable));
			}
		}
	}

	private MaintenanceState startingNow(MaintenanceState state) {
		if (state.enabled() && state.since() == null) {
			return new MaintenanceState(true, state.mode(), state.reason(), now(), state.until(),
					state.scheduledStart(), state.updatedBy(), state.version());
		}
		return state;
	}

	/**
	 * Return the type of the store behind this switch.
	 * @return the store type
	 */
	public String storeType() {
		return this.store.type();
	}

	/**
	 * Return the last error met when reaching the store, or {@code null} when the last
	 * call succeeded.
	 * @return the last store error
	 */
	@Nullable String storeError() {
		return this.storeError;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private MaintenanceState readStoreNow() {
		return Objects.requireNonNull(readStore(false), "A write-back is put off only when polling");
	}

	/**
	 * Read the stored state, called with {@link #storeAccess} held. A store that holds
	 * nothing has lost its data (a restart without persistence, a flush, a deleted row)
	 * or was never written. A state that this instance served from the store (on, off or
	 * a planned window) is then written back, so that maintenance survives the loss and
	 * every instance, including one that starts now, serves it again; before any state
	 * was confirmed by the store, the state from the properties is written when it is on.
	 * An instance that lost touch with the store since its state was confirmed may have
	 * missed a change made through another one (maintenance switched off while it was cut
	 * off): when it only polls ({@code mayPutOff}), it lets one poll go by before writing
	 * back, so that an instance that kept in touch writes the newer state first. The
	 * answer carries the stored version, the base of the next compare-and-set.
	 * @param mayPutOff whether a write-back may be put off
	 * @return the stored state, or {@code null} when a write-back was put off
	 */
	private @Nullable MaintenanceState readStore(boolean mayPutOff) {
		Optional<MaintenanceState> stored = storeCall(MaintenanceStoreFailedEvent.Operation.READ, this.store::read);
		if (stored.isPresent()) {
			this.writeBackPutOff = false;
			return stored.get();
		}
		MaintenanceState restore = this.confirmed ? this.current : this.initial;
		if (!this.confirmed && !restore.enabled() && restore.scheduledStart() == null) {
			return MaintenanceState.INITIAL;
		}
		if (this.confirmed && restore.version() == 0) {
			// served from an empty store: there is nothing to restore
			return MaintenanceState.INITIAL;
		}
		if (this.confirmed && this.failedSinceConfirmed && mayPutOff && !this.writeBackPutOff) {
			this.writeBackPutOff = true;
			logger.info("Maintenance state store '" + this.store.type()
					+ "' holds no state any more; this instance lost touch with it meanwhile, so it waits one poll"
					+ " for an instance that kept in touch before writing back what it serves");
			return null;
		}
		this.writeBackPutOff = false;
		if (this.confirmed) {
			logger.warn("Maintenance state store '" + this.store.type()
					+ "' holds no state any more (its data was lost or removed); writing back the state this"
					+ " instance serves: " + restore.describe());
		}
		try {
			return storeCall(MaintenanceStoreFailedEvent.Operation.WRITE, () -> this.store.write(restore, 0));
		}
		catch (MaintenanceStateConflictException ex) {
			// another instance wrote first: its state is the stored one
			return storeCall(MaintenanceStoreFailedEvent.Operation.READ, this.store::read)
				.orElse(MaintenanceState.INITIAL);
		}
	}

	private <T> T storeCall(MaintenanceStoreFailedEvent.Operation operation, Supplier<T> call) {
		try {
			T result = call.get();
			this.storeError = null;
			return result;
		}
		catch (MaintenanceStateConflictException ex) {
			this.storeError = null;
			throw ex;
		}
		catch (MaintenanceStoreUnavailableException ex) {
			recordStoreError(ex);
			this.events.add(new MaintenanceStoreFailedEvent(this, this.store.type(), operation, ex));
			throw ex;
		}
		catch (RuntimeException ex) {
			recordStoreError(ex);
			this.events.add(new MaintenanceStoreFailedEvent(this, this.store.type(), operation, ex));
			throw new MaintenanceStoreUnavailableException(
					"Maintenance state store '" + this.store.type() + "' failed: " + ex.getMessage(), ex);
		}
	}

	private void recordStoreError(RuntimeException ex) {
		this.storeError = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
		this.failedSinceConfirmed = true;
	}

	/**
	 * Serve a state read from or written to the store, called with {@link #storeAccess}
	 * held. Reads and writes are serialized, so the last one is the newest and is served
	 * whatever its version: versions only order writes within the store, and a store that
	 * lost its data counts again from 1. Listeners hear of every change of content, in
	 * the order the store made them.
	 */
	private void apply(MaintenanceState next) {
		this.confirmed = true;
		this.failedSinceConfirmed = false;
		serve(next);
	}

	private void serve(MaintenanceState next) {
		MaintenanceState previous = this.current;
		if (next.equals(previous)) {
			return;
		}
		this.current = next;
		if (next.withVersion(0).equals(previous.withVersion(0))) {
			return;
		}
		logger.info(next.describe());
		this.events.add(new MaintenanceModeChangedEvent(this, previous, next));
	}

}
