package io.github.maintenancemode.store.redis;

import java.time.Instant;

import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MaintenanceStateJson}.
 */
class MaintenanceStateJsonTests {

	@Test
	void stateIsWrittenAsFlatObjectWithIsoInstantsAndExplicitNulls() {
		MaintenanceState state = new MaintenanceState(true, MaintenanceState.Mode.FULL, "Upgrade \"v2\"\n",
				Instant.parse("2026-12-01T01:00:00.123Z"), null, null, "ops", 7);
		assertThat(MaintenanceStateJson.write(state)).isEqualTo("{\"version\":7,\"enabled\":true,\"mode\":\"FULL\","
				+ "\"reason\":\"Upgrade \\\"v2\\\"\\n\",\"since\":\"2026-12-01T01:00:00.123Z\",\"until\":null,"
				+ "\"scheduledStart\":null,\"updatedBy\":\"ops\"}");
	}

	@Test
	void unknownPropertiesAreIgnoredAndMissingOnesTakeTheirDefaults() {
		MaintenanceState state = MaintenanceStateJson
			.read("{\"version\":3,\"enabled\":true,\"addedLater\":{\"nested\":[1,2]},\"reason\":\"r\"}");
		assertThat(state)
			.isEqualTo(new MaintenanceState(true, MaintenanceState.Mode.FULL, "r", null, null, null, null, 3));
	}

	@Test
	void textThatIsNotAStateIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("[]"));
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("{\"since\":\"yesterday\"}"));
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("{\"mode\":\"PARTIAL\"}"));
	}

}
