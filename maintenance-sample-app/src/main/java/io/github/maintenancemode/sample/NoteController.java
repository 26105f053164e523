package io.github.maintenancemode.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notes JSON API.
 */
@RestController
@RequestMapping("/api/notes")
class NoteController {

	static final int MAX_TEXT_LENGTH = 10_000;

	private final NoteRepository notes;

	NoteController(NoteRepository notes) {
		this.notes = notes;
	}

	@GetMapping
	List<Note> list() {
		return this.notes.findAll();
	}

	@PostMapping
	ResponseEntity<?> create(@RequestBody NewNote note) {
		String text = note.text();
		if (text == null || text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
			return ResponseEntity.badRequest().body(new Error("'text' is required, at most 10000 characters"));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(this.notes.add(text));
	}

	/**
	 * The body of a new note.
	 *
	 * @param text the text
	 */
	record NewNote(@Nullable String text) {

	}

	/**
	 * An error message.
	 *
	 * @param error the message
	 */
	record Error(String error) {

	}

}
