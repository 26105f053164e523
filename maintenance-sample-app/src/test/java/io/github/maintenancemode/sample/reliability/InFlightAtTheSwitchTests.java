package io.github.maintenancemode.sample.reliability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.sample.Note;
import io.github.maintenancemode.sample.NoteRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Work admitted before maintenance begins runs to the end: slow requests, streamed
 * (asynchronous) responses and a write whose body is still on its way. Requests that
 * arrive after the switch are refused, and nothing of theirs is stored.
 */
@ReliabilityTest
class InFlightAtTheSwitchTests {

	private static final int SLOW = 4;

	private static final int STREAMED = 2;

	private static final int LINES = 12;

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private MaintenanceActivity activity;

	@Autowired
	private NoteRepository notes;

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@Test
	void slowAndStreamedRequestsAdmittedBeforeTheSwitchComplete() throws Exception {
		ReliabilityHttp http = new ReliabilityHttp(this.port);
		List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
		List<CompletableFuture<HttpResponse<String>>> streamed = new ArrayList<>();
		for (int i = 0; i < SLOW; i++) {
			slow.add(async(http, "/api/slow?millis=3000"));
		}
		for (int i = 0; i < STREAMED; i++) {
			streamed.add(async(http, "/api/stream?lines=" + LINES + "&pauseMillis=250"));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.activity.inFlightRequests() == SLOW + STREAMED);

		assertThat(http.admin("POST", "{\"enabled\": true, \"reason\": \"Switch with work in flight\"}").statusCode())
			.isEqualTo(200);
		assertThat(http.get("/api/notes", "application/json").statusCode()).isEqualTo(503);
		assertThat(http.get("/api/slow?millis=1", "application/json").statusCode()).isEqualTo(503);
		assertThat(http.get("/api/stream?lines=1", "application/json").statusCode()).isEqualTo(503);
		assertThat(http.admin("GET", null).body()).contains("\"inFlightRequests\":" + (SLOW + STREAMED),
				"\"quiescent\":false");

		for (CompletableFuture<HttpResponse<String>> request : slow) {
			HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"slept\":3000}");
		}
		for (CompletableFuture<HttpResponse<String>> request : streamed) {
			HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body().lines()).hasSize(LINES).endsWith("line " + LINES + " of " + LINES);
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(http.admin("GET", null).body()).contains("\"inFlightRequests\":0",
					"\"runningJobs\":0", "\"quiescent\":true"));
	}

	@Test
	void writeAdmittedBeforeTheSwitchIsStoredAndWriteAfterItIsNot() throws Exception {
		ReliabilityHttp http = new ReliabilityHttp(this.port);
		String admitted = "admitted before the switch " + System.nanoTime();
		String refused = "sent after the switch " + System.nanoTime();
		String body = "{\"text\": \"" + admitted + "\"}";
		int before = this.notes.count();
		try (SlowUpload upload = SlowUpload.start(this.port, "/api/notes", body)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.activity.inFlightRequests() == 1);
			assertThat(http.admin("POST", "{\"enabled\": true, \"reason\": \"Switch during an upload\"}").statusCode())
				.isEqualTo(200);
			HttpResponse<String> late = http.send("POST", "/api/notes", "{\"text\": \"" + refused + "\"}",
					"application/json", null);
			assertThat(late.statusCode()).isEqualTo(503);
			String response = upload.finish();
			assertThat(response).startsWith("HTTP/1.1 201").contains("\"text\":\"" + admitted + "\"");
		}
		assertThat(this.notes.findAll()).extracting(Note::text).contains(admitted).doesNotContain(refused);
		assertThat(this.notes.count()).isEqualTo(before + 1);
	}

	private static CompletableFuture<HttpResponse<String>> async(ReliabilityHttp http, String path) {
		return http.getAsync(path, "application/json");
	}

}
