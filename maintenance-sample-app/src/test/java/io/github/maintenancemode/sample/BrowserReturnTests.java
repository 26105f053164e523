package io.github.maintenancemode.sample;

import java.util.List;

import io.github.maintenancemode.sample.tests.AbstractBrowserReturnTests;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shared browser test against the servlet sample on Tomcat.
 */
class BrowserReturnTests extends AbstractBrowserReturnTests {

	@Autowired
	private NoteRepository notes;

	@Override
	protected void addNote(String text) {
		this.notes.add(text);
	}

	@Override
	protected List<String> noteTexts() {
		return this.notes.findAll().stream().map(Note::text).toList();
	}

}
