package io.github.maintenancemode.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import io.github.maintenancemode.web.MaintenanceResponseKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of the choice of representation from the {@code Accept} header:
 * generated well-formed headers (any case, parameters, quality values, whitespace) agree
 * with a reference built on Spring's {@code MediaType} parser, and arbitrary headers
 * never make the choice throw.
 */
class AcceptNegotiationPropertyTests {

	private static final String[] RANGES = { "text/html", "application/xhtml+xml", "application/json",
			"application/problem+json", "application/vnd.api+json", "application/*", "text/plain", "text/*", "*/*",
			"image/webp", "application/xml", "text/csv", "TEXT/HTML", "Application/JSON", "Text/Plain" };

	private static final String[] QUALITIES = { "1", "1.0", "1.000", "0.9", "0.5", "0.50", "0.001", "0", "0.0",
			"0.000" };

	private static final String[] PARAMETERS = { "charset=utf-8", "level=1", "version=2", "profile=\"x\"" };

	@Property(tries = 5000, seed = "20261202")
	void wellFormedHeadersGetTheRepresentationTheReferenceChooses(@ForAll("acceptHeaders") String accept) {
		Optional<MaintenanceResponseKind> expected = Reference.kind(accept);
		assertThat(expected).as("the reference parses '%s'", accept).isPresent();
		assertThat(MaintenanceResponseKind.negotiate(accept)).as(accept).isEqualTo(expected.get());
	}

	@Property(tries = 3000, seed = "20261203")
	void arbitraryHeadersNeverThrow(@ForAll("anyAccept") String accept) {
		assertThat(MaintenanceResponseKind.negotiate(accept)).isIn(MaintenanceResponseKind.HTML,
				MaintenanceResponseKind.JSON, MaintenanceResponseKind.PLAIN);
	}

	@Provide
	Arbitrary<String> acceptHeaders() {
		return Arbitraries.randomValue(AcceptNegotiationPropertyTests::accept);
	}

	@Provide
	Arbitrary<String> anyAccept() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
				Arbitraries.strings().withChars("texthmlapjsonq=;,/*+. 0123456789-NaIfiy\"").ofMaxLength(60));
	}

	private static String accept(Random random) {
		int count = 1 + random.nextInt(4);
		List<String> ranges = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			StringBuilder range = new StringBuilder(RANGES[random.nextInt(RANGES.length)]);
			List<String> parameters = new ArrayList<>();
			if (random.nextInt(3) == 0) {
				parameters.add(PARAMETERS[random.nextInt(PARAMETERS.length)]);
			}
			if (random.nextBoolean()) {
				parameters.add(((random.nextInt(4) == 0) ? "Q=" : "q=") + QUALITIES[random.nextInt(QUALITIES.length)]);
			}
			if (random.nextInt(4) == 0) {
				Collections.reverse(parameters);
			}
			for (String parameter : parameters) {
				range.append(random.nextBoolean() ? ";" : " ; ").append(parameter);
			}
			ranges.add(range.toString());
		}
		return String.join(random.nextBoolean() ? "," : ", ", ranges);
	}

}
