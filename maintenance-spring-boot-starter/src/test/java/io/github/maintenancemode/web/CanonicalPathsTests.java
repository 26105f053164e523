package io.github.maintenancemode.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CanonicalPaths}.
 */
class CanonicalPathsTests {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/api/notes", "/api/notes/", "/a/b.c/d", "/a/...", "/a/.b", "/a/b..", "/caf%C3%A9",
			"/a%20b", "/open/hello" })
	void canonicalUrisAreRecognized(String uri) {
		assertThat(CanonicalPaths.isCanonical(uri)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "api", "//api", "/api//notes", "/.", "/..", "/a/./b", "/a/../b", "/a/..", "/a/.",
			"/a;b", "/a/..;/b", "/a%2e%2e/b", "/a/%2E", "/a%2fb", "/a%2Fb", "/a%5cb", "/a%25b", "/a%3bb", "/a%00",
			"/a%0a", "/a%", "/a%4", "/a%zz", "/a\\b", "/a\tb" })
	void nonCanonicalUrisAreRefused(String uri) {
		assertThat(CanonicalPaths.isCanonical(uri)).isFalse();
	}

}
