package io.github.maintenancemode.sample.webflux;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Repository;

/**
 * Keeps notes in memory.
 */
@Repository
public class NoteRepository {

	private final ConcurrentLinkedQueue<Note> notes = new ConcurrentLinkedQueue<>();

	private final AtomicLong ids = new AtomicLong();

	private final Clock clock = Clock.systemUTC();

	public Note add(String text) {
		Note note = new Note(this.ids.incrementAndGet(), text, this.clock.instant());
		this.notes.add(note);
		return note;
	}

	public List<Note> findAll() {
		return new ArrayList<>(this.notes);
	}

	public int count() {
		return this.notes.size();
	}

}
