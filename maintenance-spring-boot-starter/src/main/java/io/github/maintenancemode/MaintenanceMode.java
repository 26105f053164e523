package io.github.maintenancemode;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * request path and publishes a {@link MaintenanceModeChangedEvent}.
 * <p>
 * Reading the state ({@link #status()}, {@link #isActive()}) never touches the store.
 */
public class MaintenanceMode {

	private static final Log logger = LogFactory.getLog(MaintenanceMode.class);

	private static final int MAX_WRITE_ATTEMPTS = 5;

	private final MaintenanceStateStore store;

	private final ApplicationEventPublisher eventPublisher;

	private final Clock clock;

	private volatile MaintenanceState current = MaintenanceState.INITIAL;

	private volatile @Nullable String storeError;

	public MaintenanceMode(MaintenanceStateStore store, ApplicationEventPublisher eventPublisher, Clock clock) {
		this.store = store;
		this.eventPublisher = eventPublisher;
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
		return update((previous) -> new MaintenanceState(true, mode, reason,
				previous.enabled() && previous.since() != null ? previous.since() : now(), until, null, updatedBy,
				previous.version()));
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
			return new MaintenanceState(false, mode, reason, null, until, start, updatedBy, previous.version());
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
		return update((previous) -> new MaintenanceState(false, MaintenanceState.Mode.FULL, null, null, null, null,
				updatedBy, previous.version()));
	}

	/**
	 * Apply a change to the stored state. The change is applied to the freshest stored
	 * state and written with a version check; when another writer came first it is
	 * applied again to that writer's state. A change that returns the stored state itself
	 * writes nothing.
	 * @param change computes the new state from the stored one
	 * @return the new state
	 * @throws MaintenanceStoreUnavailableException if the store cannot be reached
	 * @throws MaintenanceStateConflictException if other writers kept coming first
	 */
	public MaintenanceState update(UnaryOperator<MaintenanceState> change) {
		MaintenanceStateConflictException conflict = null;
		for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
			MaintenanceState base = readStore();
			MaintenanceState next = change.apply(base);
			if (next == base) {
				apply(base);
				return base;
			}
			try {
				MaintenanceState stored = storeCall(() -> this.store.write(next, base.version()));
				apply(stored);
				return stored;
			}
			catch (MaintenanceStateConflictException ex) {
				conflict = ex;
			}
		}
		throw conflict;
	}

	/**
	 * Re-read the store and apply its state when it is newer than the one known here.
	 * Failures are recorded for the health contributor, never thrown.
	 */
	public void refresh() {
		try {
			this.store.read().ifPresent(this::accept);
			this.storeError = null;
		}
		catch (RuntimeException ex) {
			recordStoreError(ex);
		}
	}

	/**
	 * Accept a state that the store reports, applying it when it is newer than the one
	 * known here.
	 * @param state the stored state
	 */
	public void accept(MaintenanceState state) {
		apply(state);
	}

	/**
	 * Set the state at startup: the stored one, or {@code initial} when the store holds
	 * none or cannot be reached.
	 * @param initial the state from the application's properties
	 */
	public void initialize(MaintenanceState initial) {
		initialize(initial, initial);
	}

	/**
	 * Set the state at startup: the stored one; {@code initial} when the store holds
	 * none; {@code whenUnreachable} when it cannot be reached (the instance then catches
	 * up by itself when the store returns).
	 * @param initial the state from the application's properties
	 * @param whenUnreachable the state to assume while the store cannot be reached
	 */
	public void initialize(MaintenanceState initial, MaintenanceState whenUnreachable) {
		MaintenanceState fallback = startingNow(initial);
		try {
			MaintenanceState stored = this.store.read().orElse(null);
			if (stored == null && fallback.enabled()) {
				stored = this.store.write(fallback, 0);
			}
			apply((stored != null) ? stored : fallback);
			this.storeError = null;
		}
		catch (RuntimeException ex) {
			recordStoreError(ex);
			logger.warn("Maintenance state store '" + this.store.type() + "' is unreachable at startup ("
					+ this.storeError + "); starting " + (whenUnreachable.enabled() ? "in" : "out of")
					+ " maintenance until it answers");
			logger.debug("Maintenance state store failure", ex);
			apply(startingNow(whenUnreachable));
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
	public @Nullable String storeError() {
		return this.storeError;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private MaintenanceState readStore() {
		return storeCall(() -> this.store.read().orElse(MaintenanceState.INITIAL));
	}

	private MaintenanceState storeCall(Supplier<MaintenanceState> call) {
		try {
			MaintenanceState result = call.get();
			this.storeError = null;
			return result;
		}
		catch (MaintenanceStateConflictException ex) {
			this.storeError = null;
			throw ex;
		}
		catch (MaintenanceStoreUnavailableException ex) {
			recordStoreError(ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			recordStoreError(ex);
			throw new MaintenanceStoreUnavailableException(
					"Maintenance state store '" + this.store.type() + "' failed: " + ex.getMessage(), ex);
		}
	}

	private void recordStoreError(RuntimeException ex) {
		this.storeError = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
	}

	private void apply(MaintenanceState next) {
		MaintenanceState previous;
		synchronized (this) {
			previous = this.current;
			if (next.version() < previous.version() || next.equals(previous)) {
				return;
			}
			this.current = next;
		}
		if (previous.enabled() != next.enabled()) {
			logger.info(describe(next));
		}
		this.eventPublisher.publishEvent(new MaintenanceModeChangedEvent(this, previous, next));
	}

	private static String describe(MaintenanceState state) {
		String who = (state.updatedBy() != null) ? state.updatedBy() : "unknown";
		if (!state.enabled()) {
			return "Maintenance mode off (by " + who + ")";
		}
		String reason = (state.reason() != null) ? state.reason().replaceAll("[\\r\\n\\t]+", " ") : "none given";
		String until = (state.until() != null) ? state.until().toString() : "unknown";
		return "Maintenance mode on: " + state.mode() + " (by " + who + ", reason '" + reason + "', until " + until
				+ ")";
	}

}
