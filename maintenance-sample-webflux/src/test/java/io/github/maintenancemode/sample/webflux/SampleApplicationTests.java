package io.github.maintenancemode.sample.webflux;

import java.util.List;

import io.github.maintenancemode.sample.tests.AbstractSampleApplicationTests;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shared end-to-end suite against the reactive sample on Netty.
 */
class SampleApplicationTests extends AbstractSampleApplicationTests {

	@Autowired
	private NoteRepository notes;

	@Override
	protected List<String> noteTexts() {
		return this.notes.findAll().stream().map(Note::text).toList();
	}

}
