package io.github.maintenancemode.sample.reliability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
 * Maintenance switched on and off through the actuator, over and over, while several
 * clients keep sending requests: every response is the application's complete answer or a
 * complete maintenance response, nothing fails, nothing is logged as an error, and every
 * note is either created (201, stored) or refused (503, not stored).
 */
@ReliabilityTest
class ToggleUnderLoadTests {

	private static final int CLIENTS = 6;

	private static final int REQUESTS = 10_500;

	private static final int TOGGLES = 110;

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private NoteRepository notes;

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@Test
	void everyResponseIsTheRealAnswerOrACompleteMaintenanceResponseWhileMaintenanceToggles() throws Exception {
		ReliabilityHttp http = new ReliabilityHttp(this.port);
		int notesBefore = this.notes.count();
		long start = System.nanoTime();
		int toggles;
		Map<String, Long> created;
		Set<String> refused;
		try (LogRecorder log = LogRecorder.record(); Load load = Load.start(http, CLIENTS, REQUESTS)) {
			toggles = toggle(http, load);
			load.finish(false);
			System.out.printf("Toggle under load: %d requests from %d clients, %d toggles in %d ms: %s%n",
					load.completed(), CLIENTS, toggles, Duration.ofNanos(System.nanoTime() - start).toMillis(),
					load.summary());
			assertThat(load.failures()).as("failed or incomplete responses").isEmpty();
			assertThat(log.problems()).as("errors and exceptions logged under load").isEmpty();
			assertThat(load.completed()).isGreaterThanOrEqualTo(REQUESTS);
			assertThat(load.count(Probe.Outcome.MAINTENANCE)).isPositive();
			assertThat(load.count(Probe.Outcome.REAL)).isPositive();
			created = load.created();
			refused = load.refused();
		}
		assertThat(toggles).isEqualTo(TOGGLES);
		assertThat(created).isNotEmpty();
		assertThat(refused).isNotEmpty();
		Map<String, Long> stored = this.notes.findAll()
			.stream()
			.collect(Collectors.toMap(Note::text, Note::id, (first, second) -> first));
		assertThat(this.notes.count() - notesBefore).as("notes stored").isEqualTo(created.size());
		assertThat(stored).containsAllEntriesOf(created);
		assertThat(stored.keySet()).doesNotContainAnyElementsOf(refused);
	}

	/**
	 * Switch maintenance on and off {@value #TOGGLES} times, spread over the load; every
	 * fourth time on is read-only.
	 */
	private int toggle(ReliabilityHttp http, Load load) {
		int done = 0;
		for (int toggle = 0; toggle < TOGGLES; toggle++) {
			int due = (toggle + 1) * REQUESTS / (TOGGLES + 2);
			await().atMost(Duration.ofMinutes(2))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.until(() -> load.completed() >= due);
			HttpResponse<String> response;
			if (toggle % 2 == 0) {
				String mode = (toggle % 8 == 6) ? "READ_ONLY" : "FULL";
				response = http.admin("POST", "{\"enabled\": true, \"mode\": \"" + mode + "\", \"reason\": \"Toggle "
						+ toggle + " <b>&</b>\", \"duration\": \"PT" + (toggle + 1) + "M\"}");
			}
			else {
				response = http.admin("DELETE", null);
			}
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			done++;
		}
		return done;
	}

}
