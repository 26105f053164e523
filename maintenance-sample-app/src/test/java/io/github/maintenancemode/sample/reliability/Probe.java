package io.github.maintenancemode.sample.reliability;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request of a load test, and the check of its response: either the application's
 * real answer, complete, or a complete maintenance response (503, {@code Retry-After},
 * {@code Cache-Control: no-store}, a {@code Content-Length} equal to the body, and the
 * body in the representation asked for). Anything else is a failure.
 *
 * @param kind what the request is
 * @param path the path
 * @param accept the {@code Accept} header
 * @param body the body of a write, or {@code null}
 */
record Probe(Kind kind, String path, String accept, @Nullable String body) {

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * What a probe asks for.
	 */
	enum Kind {

		/**
		 * {@code GET /api/notes} as JSON.
		 */
		NOTES_JSON,

		/**
		 * {@code GET /} as a browser.
		 */
		HOME_HTML,

		/**
		 * {@code GET /api/notes} accepting anything (plain text while in maintenance).
		 */
		NOTES_ANY,

		/**
		 * {@code POST /api/notes}.
		 */
		CREATE_NOTE,

		/**
		 * {@code GET /api/job-runs}, a path that always passes.
		 */
		JOB_RUNS,

		/**
		 * {@code GET /maintenance-assets/status}, the page's return poll.
		 */
		STATUS_POLL

	}

	/**
	 * The outcome of a checked response.
	 */
	enum Outcome {

		/**
		 * The application answered.
		 */
		REAL,

		/**
		 * A complete maintenance response.
		 */
		MAINTENANCE

	}

	/**
	 * Pick a probe of the usual mix.
	 * @param random the random source
	 * @param noteText the text to post when the pick is a write
	 * @return the probe
	 */
	static Probe pick(Random random, String noteText) {
		int dice = random.nextInt(100);
		if (dice < 35) {
			return new Probe(Kind.NOTES_JSON, "/api/notes", "application/json", null);
		}
		if (dice < 50) {
			return new Probe(Kind.HOME_HTML, "/", "text/html,application/xhtml+xml,*/*;q=0.8", null);
		}
		if (dice < 62) {
			return new Probe(Kind.NOTES_ANY, "/api/notes", "*/*", null);
		}
		if (dice < 80) {
			return createNote(noteText);
		}
		if (dice < 93) {
			return new Probe(Kind.JOB_RUNS, "/api/job-runs", "application/json", null);
		}
		return new Probe(Kind.STATUS_POLL, "/maintenance-assets/status", "application/json", null);
	}

	static Probe createNote(String text) {
		return new Probe(Kind.CREATE_NOTE, "/api/notes", "application/json", "{\"text\": \"" + text + "\"}");
	}

	HttpRequest request(ReliabilityHttp http) {
		HttpRequest.Builder request = http.request(this.path).header("Accept", this.accept);
		if (this.body != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(this.body));
		}
		return request.build();
	}

	/**
	 * Check a response to this probe.
	 * @param response the response
	 * @return the outcome
	 * @throws IllegalStateException describing what is wrong with the response
	 */
	Outcome check(HttpResponse<byte[]> response) {
		byte[] bytes = response.body();
		OptionalLong length = response.headers().firstValueAsLong("Content-Length");
		if (length.isPresent() && length.getAsLong() != bytes.length) {
			throw fail(response, "Content-Length " + length.getAsLong() + " but " + bytes.length + " bytes");
		}
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (response.statusCode() == 503 && this.kind != Kind.JOB_RUNS && this.kind != Kind.STATUS_POLL) {
			checkMaintenance(response, length, text);
			return Outcome.MAINTENANCE;
		}
		switch (this.kind) {
			case NOTES_JSON, NOTES_ANY -> expect(response, 200, readJson(response, text).isArray());
			case HOME_HTML -> expect(response, 200, text.contains("</html>"));
			case CREATE_NOTE -> {
				JsonNode note = readJson(response, text);
				expect(response, 201, note.path("id").isNumber() && this.body != null
						&& this.body.contains("\"" + note.path("text").asString() + "\""));
			}
			case JOB_RUNS -> expect(response, 200, readJson(response, text).path("runs").isNumber());
			case STATUS_POLL -> expect(response, 200, readJson(response, text).path("active").isBoolean());
		}
		return Outcome.REAL;
	}

	private void checkMaintenance(HttpResponse<byte[]> response, OptionalLong length, String text) {
		long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(0);
		if (retryAfter < 1) {
			throw fail(response, "no positive Retry-After");
		}
		if (length.isEmpty()) {
			throw fail(response, "no Content-Length");
		}
		if (!response.headers().firstValue("Cache-Control").orElse("").contains("no-store")) {
			throw fail(response, "no Cache-Control: no-store");
		}
		String type = response.headers().firstValue("Content-Type").orElse("");
		boolean complete = switch (this.kind) {
			case HOME_HTML ->
				type.startsWith("text/html") && text.startsWith("<!DOCTYPE html>") && text.strip().endsWith("</html>");
			case NOTES_ANY -> type.startsWith("text/plain") && text.endsWith("\n") && text.lines().count() >= 2;
			default -> type.equals("application/problem+json") && readJson(response, text).path("status").asInt() == 503
					&& readJson(response, text).path("retryAfter").asLong() == retryAfter;
		};
		if (!complete) {
			throw fail(response, "incomplete maintenance response of type '" + type + "'");
		}
	}

	private JsonNode readJson(HttpResponse<byte[]> response, String text) {
		try {
			return json.readTree(text);
		}
		catch (RuntimeException ex) {
			throw fail(response, "unreadable JSON (" + ex.getMessage() + ")");
		}
	}

	private void expect(HttpResponse<byte[]> response, int status, boolean complete) {
		if (response.statusCode() != status || !complete) {
			throw fail(response, "expected a complete " + status);
		}
	}

	private IllegalStateException fail(HttpResponse<byte[]> response, String problem) {
		String body = new String(response.body(), StandardCharsets.UTF_8);
		return new IllegalStateException(this.kind + " " + this.path + " -> " + response.statusCode() + ": " + problem
				+ " [" + body.substring(0, Math.min(body.length(), 200)) + "]");
	}

}
