package io.github.maintenancemode.sample;

import java.time.Duration;
import java.util.List;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.sample.tests.SampleHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's notes listener on the local RabbitMQ: notes put on the queue during
 * maintenance wait in the broker, and appear once maintenance ends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.notes.enabled=true", "sample.notes.queue=sample-notes-test" })
class NotesQueueTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private MaintenanceActivity activity;

	@Autowired
	private NoteRepository notes;

	@Autowired
	private RabbitAdmin admin;

	private SampleHttp http;

	@BeforeEach
	void client() {
		this.http = new SampleHttp(this.port);
		// what an earlier run may have left
		this.admin.purgeQueue("sample-notes-test", false);
	}

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@Test
	void notesQueuedDuringMaintenanceWaitInTheBrokerUntilItEnds() {
		assertThat(enqueue("before")).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10)).until(() -> texts().contains("before"));
		this.maintenanceMode.enable("Upgrade");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.activity.pausedConsumers().contains(NotesQueueConfiguration.LISTENER_ID)
					&& this.activity.runningJobs() == 0);
		int count = this.notes.count();
		for (int i = 0; i < 5; i++) {
			// the publishing endpoint is allowed during maintenance; the notes API is not
			assertThat(enqueue("during-" + i)).isEqualTo(202);
		}
		assertThat(this.http.send("POST", "/api/notes", "{\"text\":\"direct\"}", null).statusCode()).isEqualTo(503);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.admin.getQueueInfo("sample-notes-test").getMessageCount() == 5);
		assertThat(this.notes.count()).isEqualTo(count);
		this.maintenanceMode.disable();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.notes.count() == count + 5);
		assertThat(texts()).contains("during-0", "during-4");
		assertThat(this.activity.pausedConsumers()).isEmpty();
	}

	private int enqueue(String text) {
		return this.http.send("POST", "/api/notes/queue", "{\"text\":\"" + text + "\"}", null).statusCode();
	}

	private List<String> texts() {
		return this.notes.findAll().stream().map(Note::text).toList();
	}

}
