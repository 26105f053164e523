package io.github.maintenancemode.actuate;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaintenanceWriteChecks}.
 */
class MaintenanceWriteChecksTests {

	@Test
	void refusalBodyIsJsonThatKeepsEveryCharacterOfTheMessage() {
		String message = "Unknown field 'a\"b\\c' \u0007 caf\u00e9 \u2028";
		MaintenanceWriteChecks.Refusal refusal = new MaintenanceWriteChecks.Refusal(400, "x\ny", message);
		Map<String, Object> body = JsonMapper.builder()
			.build()
			.readValue(refusal.body(), new TypeReference<Map<String, Object>>() {
			});
		assertThat(body).containsExactly(Map.entry("status", 400), Map.entry("error", message),
				Map.entry("field", "x\ny"));
	}

	@Test
	void onlyGetHeadOptionsAndTraceAreNotWrites() {
		assertThat(MaintenanceWriteChecks.isWrite("GET")).isFalse();
		assertThat(MaintenanceWriteChecks.isWrite("HEAD")).isFalse();
		assertThat(MaintenanceWriteChecks.isWrite("OPTIONS")).isFalse();
		assertThat(MaintenanceWriteChecks.isWrite("TRACE")).isFalse();
		assertThat(MaintenanceWriteChecks.isWrite("POST")).isTrue();
		assertThat(MaintenanceWriteChecks.isWrite("DELETE")).isTrue();
		assertThat(MaintenanceWriteChecks.isWrite("get")).isTrue();
	}

}
