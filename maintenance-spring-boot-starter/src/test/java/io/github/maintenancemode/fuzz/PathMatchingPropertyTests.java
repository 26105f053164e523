package io.github.maintenancemode.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.ExemptPaths;
import io.github.maintenancemode.web.PathAccessRule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of path matching: the paths that always pass (actuator, probes,
 * the page's assets) and {@code maintenance.allow.paths}, over generated paths full of
 * dot segments, encoded characters, path parameters, case changes and pattern syntax,
 * against plain reference rules.
 */
class PathMatchingPropertyTests {

	private static final MaintenanceState ON = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null,
			null, null, 1);

	private static final List<String> PATTERNS = List.of("/open/**", "/login", "/files/{name}.txt", "/docs/*/index",
			"/api/{version}/status", "/static/{*rest}", "/a?c", "/report*", "/x/**", "/caf\u00e9/menu",
			"/with space/**", "/{segment}/edit", "/percent%41/**");

	private static final String[] SEGMENTS = { "open", "login", "files", "a.txt", "b.txt", ".txt", "docs", "v1",
			"index", "api", "status", "static", "abc", "aXc", "ac", "report", "reports", "x", "actuator", "health",
			"maintenance-assets", "livez", "readyz", "notes", "edit", "caf\u00e9", "cafe", "with space", "percentA",
			"percent%41", "..", ".", "", "%", "%zz", "%2F", "%2e%2e", "%41", "%ZZ", ";", ";jsessionid=1", "a;b=c", "*",
			"**", "{x}", "}", "{", "OPEN", "Login", "login.", "login ", "\u0000", "\u00e9", "\ud83d\ude00" };

	private final PathAccessRule rule = new PathAccessRule(PATTERNS);

	@Property(tries = 5000, seed = "20261127")
	void allowedPathsAreExactlyThoseThatMatchAPatternAsTheyAre(@ForAll("paths") String path) {
		assertThat(this.rule.admits(FuzzRequest.withPath(path), ON)).as(path)
			.isEqualTo(Reference.pathAllowed(PATTERNS, path));
	}

	@Property(tries = 2000, seed = "20261128")
	void arbitraryPathsNeverThrow(@ForAll("anyPath") String path) {
		assertThat(this.rule.admits(FuzzRequest.withPath(path), ON)).as(path)
			.isEqualTo(Reference.pathAllowed(PATTERNS, path));
	}

	@Property(tries = 5000, seed = "20261129")
	void exemptPathsAreTheBasesAndWhatContinuesThemAfterASlash(@ForAll("paths") String path,
			@ForAll("bases") List<String> bases) {
		assertThat(new ExemptPaths(bases).matches(path)).as("%s under %s", path, bases)
			.isEqualTo(Reference.exempt(bases, path));
	}

	@Property(tries = 3000, seed = "20261130")
	void theActuatorExemptionCoversTheActuatorAndNothingElse(@ForAll("paths") String path) {
		ExemptPaths exempt = ExemptPaths.of("/actuator", true);
		boolean expected = path.equals("/actuator") || path.startsWith("/actuator/") || path.equals("/livez")
				|| path.startsWith("/livez/") || path.equals("/readyz") || path.startsWith("/readyz/")
				|| path.equals("/maintenance-assets") || path.startsWith("/maintenance-assets/");
		assertThat(exempt.matches(path)).as(path).isEqualTo(expected);
	}

	@Provide
	Arbitrary<String> paths() {
		return Arbitraries.randomValue(PathMatchingPropertyTests::path);
	}

	@Provide
	Arbitrary<String> anyPath() {
		return Arbitraries.strings().ofMaxLength(30).map((text) -> "/" + text);
	}

	@Provide
	Arbitrary<List<String>> bases() {
		return Arbitraries.randomValue((random) -> {
			List<String> bases = new ArrayList<>();
			int count = 1 + random.nextInt(3);
			for (int i = 0; i < count; i++) {
				String base = path(random);
				if (base.equals("/") || base.startsWith("//")) {
					base = "/actuator";
				}
				if (random.nextInt(4) == 0) {
					base = base.substring(1);
				}
				if (random.nextInt(4) == 0) {
					base = base + "/";
				}
				bases.add(base);
			}
			return bases;
		});
	}

	static String path(Random random) {
		int count = random.nextInt(5);
		StringBuilder path = new StringBuilder();
		for (int i = 0; i < count; i++) {
			path.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
		}
		if (path.isEmpty() || random.nextInt(8) == 0) {
			path.append('/');
		}
		return path.toString();
	}

}
