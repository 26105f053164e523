package io.github.maintenancemode.fuzz;

import java.util.List;
import java.util.Random;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.PathAccessRule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of {@code maintenance.allow.paths}, over generated paths full of
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
		assertThat(this.rule.admits(FuzzRequest.withPath(Reference.handlerPath(path)), ON)).as(path)
			.isEqualTo(Reference.pathAllowed(PATTERNS, path));
	}

	@Property(tries = 2000, seed = "20261128")
	void arbitraryPathsNeverThrow(@ForAll("anyPath") String path) {
		assertThat(this.rule.admits(FuzzRequest.withPath(Reference.handlerPath(path)), ON)).as(path)
			.isEqualTo(Reference.pathAllowed(PATTERNS, path));
	}

	@Provide
	Arbitrary<String> paths() {
		return Arbitraries.randomValue(PathMatchingPropertyTests::path);
	}

	@Provide
	Arbitrary<String> anyPath() {
		return Arbitraries.strings().ofMaxLength(30).map((text) -> "/" + text);
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
