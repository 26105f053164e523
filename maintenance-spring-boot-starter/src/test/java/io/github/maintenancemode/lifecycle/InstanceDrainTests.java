package io.github.maintenancemode.lifecycle;

import java.util.ArrayList;
import java.util.List;

import io.github.maintenancemode.MaintenanceModeChangedEvent;
import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InstanceDrain}.
 */
class InstanceDrainTests {

	private final List<Object> states = new ArrayList<>();

	private static final MaintenanceState ON = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null,
			null, null, 1);

	@Test
	void drainRefusesTrafficAndResumeTakesItAgain() {
		InstanceDrain drain = new InstanceDrain(this::record, false);
		drain.drain();
		assertThat(drain.isDraining()).isTrue();
		drain.resume();
		assertThat(this.states).containsExactly(ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void clusterMaintenanceLeavesReadinessAloneByDefault() {
		InstanceDrain drain = new InstanceDrain(this::record, false);
		drain.onApplicationEvent(new MaintenanceModeChangedEvent(this, MaintenanceState.INITIAL, ON));
		assertThat(this.states).isEmpty();
	}

	@Test
	void singleInstanceOptInRefusesTrafficWhileOn() {
		InstanceDrain drain = new InstanceDrain(this::record, true);
		drain.onApplicationEvent(new MaintenanceModeChangedEvent(this, MaintenanceState.INITIAL, ON));
		drain.onApplicationEvent(new MaintenanceModeChangedEvent(this, ON, MaintenanceState.INITIAL));
		assertThat(this.states).containsExactly(ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void drainOutlastsMaintenanceEnding() {
		InstanceDrain drain = new InstanceDrain(this::record, true);
		drain.drain();
		drain.onApplicationEvent(new MaintenanceModeChangedEvent(this, MaintenanceState.INITIAL, ON));
		drain.onApplicationEvent(new MaintenanceModeChangedEvent(this, ON, MaintenanceState.INITIAL));
		assertThat(this.states).containsExactly(ReadinessState.REFUSING_TRAFFIC);
	}

	private void record(Object event) {
		if (event instanceof AvailabilityChangeEvent<?> change) {
			this.states.add(change.getState());
		}
	}

}
