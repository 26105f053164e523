package io.github.maintenancemode.sample.reliability;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad bodies sent to {@code POST /actuator/maintenance} by an authenticated operator,
 * over real HTTP: each is refused with a 4xx and a clear message (naming the field when
 * there is one), never with a stack trace, and the state does not change.
 */
@ReliabilityTest
class EndpointHostileInputTests {

	private static final String JSON = "application/json";

	private static final String BEFORE = "State before the hostile input";

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	private MaintenanceState before;

	@BeforeEach
	void knownState() {
		this.before = this.maintenanceMode.enable(MaintenanceState.Mode.READ_ONLY, BEFORE, null, "test");
	}

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	static Stream<Arguments> badBodies() {
		return Stream.of(
				// enabled: missing, wrong types
				bad("enabled missing", JSON, "{\"reason\": \"no enabled\"}", 400, "enabled"),
				bad("enabled null", JSON, "{\"enabled\": null}", 400, "enabled"),
				bad("enabled a word", JSON, "{\"enabled\": \"maybe\"}", 400, "enabled"),
				bad("enabled a number", JSON, "{\"enabled\": 1}", 400, "enabled"),
				bad("enabled an array", JSON, "{\"enabled\": [true]}", 400, null),
				bad("enabled an object", JSON, "{\"enabled\": {\"on\": true}}", 400, null),
				// reason: wrong types, too long, control characters, broken text
				bad("reason an array", JSON, "{\"enabled\": true, \"reason\": [\"a\", \"b\"]}", 400, null),
				bad("reason an object", JSON, "{\"enabled\": true, \"reason\": {\"text\": \"x\"}}", 400, null),
				bad("reason of 501 characters", JSON, "{\"enabled\": true, \"reason\": \"" + "r".repeat(501) + "\"}",
						400, "reason"),
				bad("reason with NUL", JSON, "{\"enabled\": true, \"reason\": \"a\\u0000b\"}", 400, "reason"),
				bad("reason with BEL", JSON, "{\"enabled\": true, \"reason\": \"ring\\u0007\"}", 400, "reason"),
				bad("reason with an ANSI escape", JSON, "{\"enabled\": true, \"reason\": \"\\u001b[31mred\"}", 400,
						"reason"),
				bad("reason with CR LF and a header", JSON,
						"{\"enabled\": true, \"reason\": \"x\\r\\nSet-Cookie: session=stolen\"}", 400, "reason"),
				bad("reason with a C1 control", JSON, "{\"enabled\": true, \"reason\": \"next\\u0085line\"}", 400,
						"reason"),
				bad("reason with an unpaired surrogate", JSON, "{\"enabled\": true, \"reason\": \"broken \\ud800\"}",
						400, "reason"),
				// mode
				bad("mode unknown", JSON, "{\"enabled\": true, \"mode\": \"PARTIAL\"}", 400, "mode"),
				bad("mode a number", JSON, "{\"enabled\": true, \"mode\": 5}", 400, "mode"),
				bad("mode empty", JSON, "{\"enabled\": true, \"mode\": \"\"}", 400, "mode"),
				bad("mode with an injection", JSON, "{\"enabled\": true, \"mode\": \"FULL'; DROP TABLE x; --\"}", 400,
						"mode"),
				// times
				bad("until a word", JSON, "{\"enabled\": true, \"until\": \"soon\"}", 400, "until"),
				bad("until epoch seconds", JSON, "{\"enabled\": true, \"until\": 1893456000}", 400, "until"),
				bad("until month 13", JSON, "{\"enabled\": true, \"until\": \"2099-13-01T00:00:00Z\"}", 400, "until"),
				bad("until in the past", JSON, "{\"enabled\": true, \"until\": \"2001-01-01T00:00:00Z\"}", 400,
						"until"),
				bad("until in year 1000000000", JSON, "{\"enabled\": true, \"until\": \"+1000000000-12-31T23:59:59Z\"}",
						400, "until"),
				bad("start in year 1000000000", JSON,
						"{\"enabled\": true, \"start\": \"+1000000000-01-01T00:00:00Z\", \"duration\": \"PT1H\"}", 400,
						"start"),
				bad("start a word", JSON, "{\"enabled\": true, \"start\": \"tomorrow\"}", 400, "start"),
				bad("until before start", JSON,
						"{\"enabled\": true, \"start\": \"2099-01-01T00:00:00Z\", \"until\": \"2098-01-01T00:00:00Z\"}",
						400, "until"),
				bad("start while switching off", JSON, "{\"enabled\": false, \"start\": \"2099-01-01T00:00:00Z\"}", 400,
						"start"),
				bad("duration negative", JSON, "{\"enabled\": true, \"duration\": \"P-1D\"}", 400, "duration"),
				bad("duration zero", JSON, "{\"enabled\": true, \"duration\": \"PT0S\"}", 400, "duration"),
				bad("duration a word", JSON, "{\"enabled\": true, \"duration\": \"forever\"}", 400, "duration"),
				bad("duration past the end of time", JSON, "{\"enabled\": true, \"duration\": \"P106751991167300D\"}",
						400, "duration"),
				bad("duration past year 9999", JSON, "{\"enabled\": true, \"duration\": \"P3000000D\"}", 400,
						"duration"),
				bad("until and duration", JSON,
						"{\"enabled\": true, \"until\": \"2099-01-01T00:00:00Z\", \"duration\": \"PT1H\"}", 400,
						"duration"),
				// malformed JSON and bombs
				bad("empty body", JSON, "", 400, "enabled"), bad("JSON null", JSON, "null", 400, "enabled"),
				bad("JSON array", JSON, "[]", 400, null), bad("JSON string", JSON, "\"enabled\"", 400, null),
				bad("JSON number", JSON, "42", 400, null), bad("truncated JSON", JSON, "{\"enabled\": true", 400, null),
				bad("trailing comma", JSON, "{\"enabled\": true,}", 400, null),
				bad("single quotes", JSON, "{'enabled': true}", 400, null),
				bad("arrays nested 100,000 deep", JSON,
						"{\"enabled\": true, \"reason\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}", 400,
						null),
				bad("objects nested 5,000 deep", JSON,
						"{\"enabled\": true, \"x\": " + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}", 400,
						null),
				bad("a number of 100,000 digits", JSON, "{\"enabled\": true, \"reason\": " + "9".repeat(100_000) + "}",
						400, null),
				bad("1 MB reason", JSON, "{\"enabled\": true, \"reason\": \"" + "x".repeat(1 << 20) + "\"}", 400,
						"reason"),
				bad("1 MB of spaces around an empty object", JSON, " ".repeat(1 << 20) + "{}", 400, "enabled"),
				// content types a browser form can send, and others
				bad("text/plain", "text/plain", "{\"enabled\": true}", 415, null),
				bad("form-encoded", "application/x-www-form-urlencoded", "enabled=true&reason=form", 415, null),
				bad("multipart form", "multipart/form-data; boundary=x",
						"--x\r\nContent-Disposition: form-data; name=\"enabled\"\r\n\r\ntrue\r\n--x--\r\n", 415, null),
				bad("XML", "application/xml", "<maintenance enabled=\"true\"/>", 415, null),
				bad("no content type", null, "{\"enabled\": true}", 415, null));
	}

	private static Arguments bad(String name, @Nullable String contentType, String body, int status,
			@Nullable String field) {
		return Arguments.argumentSet(name, contentType, body, status, field);
	}

	@ParameterizedTest
	@MethodSource("badBodies")
	void badBodyIsRefusedClearlyAndChangesNothing(@Nullable String contentType, String body, int status,
			@Nullable String field) {
		ReliabilityHttp http = new ReliabilityHttp(this.port);
		HttpRequest.Builder request = http.request("/actuator/maintenance")
			.header("Accept", "application/json")
			.header("Authorization", ReliabilityHttp.basic(ReliabilityHttp.ADMIN))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		HttpResponse<String> response = http.send(request.build());
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).as("a clear message")
			.containsPattern("\"error\":\"[^\"]{5,}\"")
			.contains("\"status\":" + status);
		if (field != null) {
			assertThat(response.body()).contains("\"field\":\"" + field + "\"").contains("'" + field + "'");
		}
		assertNoStackTrace(response.body());
		assertThat(this.maintenanceMode.status()).isEqualTo(this.before);
	}

	@Test
	void extremeButValidEndIsAcceptedAndEveryRepresentationStillRenders() {
		ReliabilityHttp http = new ReliabilityHttp(this.port);
		HttpResponse<String> latest = http.admin("POST",
				"{\"enabled\": true, \"reason\": \"Long haul\", \"until\": \"9999-12-31T23:59:59Z\"}");
		assertThat(latest.statusCode()).isEqualTo(200);
		assertThat(latest.body()).contains("\"until\":\"9999-12-31T23:59:59Z\"");
		assertThat(http.get("/", "text/html").statusCode()).isEqualTo(503);
		assertThat(http.get("/api/notes", "application/json").body()).contains("\"until\":\"9999-12-31T23:59:59Z\"");
		assertThat(http.get("/api/notes", "text/plain").statusCode()).isEqualTo(503);
		assertThat(http.get("/maintenance-assets/status", "application/json").statusCode()).isEqualTo(200);
	}

	static void assertNoStackTrace(String body) {
		assertThat(body).doesNotContain("Exception", "\tat ", ".java:", "\"trace\"", "org.springframework",
				"io.github.maintenancemode.");
	}

}
