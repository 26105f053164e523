package io.github.maintenancemode.test;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract of a store whose engine runs apart from the application (a file, a
 * database, Redis) and so can be unreachable: calls then fail with
 * {@link MaintenanceStoreUnavailableException} (quickly, never hanging), and the store
 * works again once the engine is back.
 */
public abstract class AbstractSharedMaintenanceStateStoreTests extends AbstractMaintenanceStateStoreTests {

	/**
	 * Create a store whose engine cannot be reached (for example, pointed at a port
	 * nothing listens on).
	 * @return an unreachable store
	 */
	protected abstract MaintenanceStateStore createUnreachableStore();

	@Test
	void readFromAnUnreachableEngineFailsClearly() {
		MaintenanceStateStore store = createUnreachableStore();
		assertThatExceptionOfType(MaintenanceStoreUnavailableException.class).isThrownBy(store::read)
			.withMessageContaining(store.type());
	}

	@Test
	void writeToAnUnreachableEngineFailsClearly() {
		MaintenanceStateStore store = createUnreachableStore();
		assertThatExceptionOfType(MaintenanceStoreUnavailableException.class)
			.isThrownBy(() -> store.write(sample("lost?"), 0))
			.withMessageContaining(store.type());
	}

	@Test
	void failedWriteLeavesTheStoredStateAlone() {
		MaintenanceStateStore store = createStore();
		store.write(sample("before the outage"), 0);
		assertThatExceptionOfType(MaintenanceStoreUnavailableException.class)
			.isThrownBy(() -> createUnreachableStore().write(sample("during the outage"), 1));
		assertThat(store.read()).map(MaintenanceState::reason).contains("before the outage");
	}

}
