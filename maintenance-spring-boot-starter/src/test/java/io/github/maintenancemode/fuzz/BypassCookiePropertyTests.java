package io.github.maintenancemode.fuzz;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.BypassCookieAccessRule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of the bypass cookie: only the exact value the rule issued, before
 * it expires, lets a browser through; every edit of it, every value signed with another
 * secret and every arbitrary string is refused without an exception.
 */
class BypassCookiePropertyTests {

	private static final String SECRET = "fuzz-bypass-secret-0123";

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private static final MaintenanceState ON = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null,
			null, null, 1);

	private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.=+/ ";

	private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private final BypassCookieAccessRule rule = new BypassCookieAccessRule(SECRET, Duration.ofHours(12),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final String valid = this.rule.issueCookieValue();

	@Property(tries = 3000, seed = "20261206")
	void everyEditOfAValidCookieIsRefused(@ForAll("edits") String cookie) {
		assertThat(admits(cookie)).as(cookie).isEqualTo(cookie.equals(this.valid));
	}

	@Property(tries = 2000, seed = "20261207")
	void cookiesLetThroughUntilTheyExpire(@ForAll("issueTimes") long secondsFromNow,
			@ForAll("maxAges") long maxAgeSeconds) {
		Instant issued = NOW.plusSeconds(secondsFromNow);
		String cookie = new BypassCookieAccessRule(SECRET, Duration.ofSeconds(maxAgeSeconds),
				Clock.fixed(issued, ZoneOffset.UTC))
			.issueCookieValue();
		// valid while it has not expired, and only while it expires within the rule's own
		// max age (12 hours) from now
		Instant expiry = issued.plusSeconds(maxAgeSeconds);
		assertThat(admits(cookie)).isEqualTo(expiry.isAfter(NOW) && !expiry.isAfter(NOW.plus(Duration.ofHours(12))));
	}

	@Property(tries = 500, seed = "20261208")
	void cookiesSignedWithAnotherSecretAreRefused(@ForAll("secrets") String otherSecret) {
		String cookie = new BypassCookieAccessRule(otherSecret, Duration.ofHours(12), Clock.fixed(NOW, ZoneOffset.UTC))
			.issueCookieValue();
		assertThat(admits(cookie)).isEqualTo(otherSecret.equals(SECRET));
	}

	@Property(tries = 2000, seed = "20261209")
	void arbitraryValuesAreRefusedWithoutAnException(@ForAll("anyCookie") String cookie) {
		assertThat(admits(cookie)).as(cookie).isFalse();
	}

	@Provide
	Arbitrary<String> edits() {
		return Arbitraries.randomValue(this::edit);
	}

	@Provide
	Arbitrary<Long> issueTimes() {
		return Arbitraries.longs().between(-3 * 86_400, 86_400);
	}

	@Provide
	Arbitrary<Long> maxAges() {
		return Arbitraries.longs().between(1, 2 * 86_400);
	}

	@Provide
	Arbitrary<String> secrets() {
		return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMinLength(16).ofMaxLength(40),
				Arbitraries.randomValue((random) -> SECRET.substring(0, 15) + (char) ('0' + random.nextInt(10))));
	}

	@Provide
	Arbitrary<String> anyCookie() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(70),
				Arbitraries.strings().withChars(ALPHABET).ofMaxLength(70),
				Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25).map((digits) -> digits + "."));
	}

	private String edit(Random random) {
		StringBuilder cookie = new StringBuilder(this.valid);
		int at = random.nextInt(cookie.length() + 1);
		char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
		switch (random.nextInt(4)) {
			case 0 -> cookie.insert(at, c);
			case 1 -> cookie.deleteCharAt(Math.min(at, cookie.length() - 1));
			case 2 -> cookie.setCharAt(Math.min(at, cookie.length() - 1), c);
			default -> {
				// the last character of the signature carries two unused bits
				char last = cookie.charAt(cookie.length() - 1);
				int index = BASE64URL.indexOf(last);
				cookie.setCharAt(cookie.length() - 1, BASE64URL.charAt(index ^ (1 + random.nextInt(3))));
			}
		}
		return cookie.toString();
	}

	private boolean admits(String cookie) {
		return this.rule.admits(FuzzRequest.withCookie(cookie), ON);
	}

}
