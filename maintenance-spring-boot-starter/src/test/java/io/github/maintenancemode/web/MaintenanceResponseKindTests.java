package io.github.maintenancemode.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaintenanceResponseKind#negotiate(String)}.
 */
class MaintenanceResponseKindTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
			NULL                                                               | PLAIN
			''                                                                 | PLAIN
			*/*                                                                | PLAIN
			text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8   | HTML
			application/json                                                   | JSON
			application/problem+json                                           | JSON
			application/vnd.api+json                                           | JSON
			application/*                                                      | JSON
			text/plain                                                         | PLAIN
			text/*                                                             | PLAIN
			application/json, text/html;q=0.5                                  | JSON
			text/html;q=0.5, application/json                                  | JSON
			text/html, application/json                                        | HTML
			text/html;q=0, application/json                                    | JSON
			TEXT/HTML                                                          | HTML
			application/json;q=bogus, text/plain                               | PLAIN
			image/png                                                          | PLAIN
			application/json;q=0.8, text/plain;q=0.9                           | PLAIN
			""")
	void negotiatesByExplicitMediaRanges(String accept, MaintenanceResponseKind expected) {
		assertThat(MaintenanceResponseKind.negotiate(accept)).isEqualTo(expected);
	}

}
