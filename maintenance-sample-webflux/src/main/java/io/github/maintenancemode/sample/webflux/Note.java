package io.github.maintenancemode.sample.webflux;

import java.time.Instant;

/**
 * A note.
 *
 * @param id the note's id
 * @param text the text
 * @param createdAt when it was created
 */
public record Note(long id, String text, Instant createdAt) {

}
