package io.github.maintenancemode.sample;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Puts a note on the notes queue rather than adding it: the note appears once the
 * listener has taken it. The sample allows this path during maintenance, so that one can
 * watch the notes wait in the broker until maintenance ends.
 */
@RestController
@RequestMapping("/api/notes/queue")
class QueuedNoteController {

	private final RabbitTemplate rabbit;

	private final String queue;

	private final boolean enabled;

	QueuedNoteController(RabbitTemplate rabbit, @Value("${sample.notes.queue}") String queue,
			@Value("${sample.notes.enabled}") boolean enabled) {
		this.rabbit = rabbit;
		this.queue = queue;
		this.enabled = enabled;
	}

	@PostMapping
	ResponseEntity<?> enqueue(@RequestBody NoteController.NewNote note) {
		if (!this.enabled) {
			return ResponseEntity.notFound().build();
		}
		String text = note.text();
		if (text == null || text.isBlank() || text.length() > NoteController.MAX_TEXT_LENGTH) {
			return ResponseEntity.badRequest()
				.body(new NoteController.Error("'text' is required, at most 10000 characters"));
		}
		this.rabbit.convertAndSend("", this.queue, text);
		return ResponseEntity.accepted().build();
	}

}
