package io.github.maintenancemode.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MaintenanceStateJson}, the one JSON form of the state that the file
 * and Redis stores share.
 */
class MaintenanceStateJsonTests {

	private static final MaintenanceState STATE = new MaintenanceState(true, MaintenanceState.Mode.READ_ONLY,
			"Upgrade \"v2\"\n", Instant.parse("2026-12-01T01:00:00.123Z"), null, null, "ops", 7);

	@Test
	void stateIsWrittenAsAFlatObjectWithIsoInstantsAndWithoutAbsentValues() {
		assertThat(MaintenanceStateJson.write(STATE))
			.isEqualTo("{\"version\":7,\"enabled\":true,\"mode\":\"READ_ONLY\","
					+ "\"reason\":\"Upgrade \\\"v2\\\"\\n\",\"since\":\"2026-12-01T01:00:00.123Z\",\"updatedBy\":\"ops\"}");
	}

	@Test
	void whatIsWrittenReadsBackWithAStoresOwnMembers() {
		String json = MaintenanceStateJson.write(STATE, Map.of("fileSha256", "abc"));
		MaintenanceStateJson.Document read = MaintenanceStateJson.read(json, null);
		assertThat(read.state()).isEqualTo(STATE);
		assertThat(read.others()).containsExactly(Map.entry("fileSha256", "abc"));
	}

	@Test
	void explicitNullsOfEarlierVersionsReadAsAbsent() {
		assertThat(MaintenanceStateJson.read("{\"version\":7,\"enabled\":true,\"mode\":\"READ_ONLY\","
				+ "\"reason\":\"Upgrade \\\"v2\\\"\\n\",\"since\":\"2026-12-01T01:00:00.123Z\",\"until\":null,"
				+ "\"scheduledStart\":null,\"updatedBy\":\"ops\"}"))
			.isEqualTo(STATE);
	}

	@Test
	void unknownMembersAreIgnoredAndMissingOnesTakeTheirDefaults() {
		MaintenanceState state = MaintenanceStateJson
			.read("{\"version\":3,\"enabled\":true,\"addedLater\":{\"nested\":[1,2]},\"reason\":\"r\"}");
		assertThat(state)
			.isEqualTo(new MaintenanceState(true, MaintenanceState.Mode.FULL, "r", null, null, null, null, 3));
	}

	@Test
	void modeIsReadInAnyCaseAndTimestampsWithAnOffset() {
		MaintenanceState state = MaintenanceStateJson
			.read("{\"mode\":\"read-only\",\"until\":\"2026-12-01T03:00:00+01:00\"}");
		assertThat(state.mode()).isEqualTo(MaintenanceState.Mode.READ_ONLY);
		assertThat(state.until()).isEqualTo(Instant.parse("2026-12-01T02:00:00Z"));
	}

	@Test
	void textThatIsNotAStateIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("[]"));
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read(""));
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("{\"since\":\"yesterday\"}"));
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("{\"mode\":\"PARTIAL\"}"));
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("{\"version\":-1}"));
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("{\"version\":1.5}"));
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("{\"enabled\":\"yes\"}"));
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("{\"reason\":\"\\u-001\"}"))
			.as("an invalid escape");
		assertThatIllegalArgumentException().isThrownBy(() -> MaintenanceStateJson.read("{\"reason\":\"r\""));
	}

	@Test
	void membersThatCannotBeReadCanBeReportedAndLeftOut() {
		List<String> invalid = new ArrayList<>();
		MaintenanceState state = MaintenanceStateJson
			.read("{\"reason\":\"Upgrade\",\"until\":\"tomorrow\",\"mode\":\"PARTIAL\"}",
					(name, problem) -> invalid.add(name))
			.state();
		assertThat(invalid).containsExactly("until", "mode");
		assertThat(state.reason()).isEqualTo("Upgrade");
		assertThat(state.until()).isNull();
		assertThat(state.mode()).isEqualTo(MaintenanceState.Mode.FULL);
	}

}
