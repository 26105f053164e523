package io.github.maintenancemode.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Lets through browsers that hold a bypass cookie: an expiry signed with HMAC-SHA256
 * under a key derived from {@code maintenance.bypass.secret}. Changing or removing the
 * secret revokes every cookie. A browser gets the cookie by opening any URL with
 * {@code ?maintenance-bypass=SECRET} (see {@link BypassLink}). Comparisons are
 * constant-time; the secret is never logged.
 */
public class BypassCookieAccessRule implements MaintenanceAccessRule, Ordered {

	/**
	 * The order of this rule.
	 */
	public static final int ORDER = 400;

	/**
	 * The name of the cookie, and of the query parameter that sets it.
	 */
	public static final String NAME = "maintenance-bypass";

	/**
	 * The shortest secret accepted.
	 */
	public static final int MIN_SECRET_LENGTH = 16;

	private static final String ALGORITHM = "HmacSHA256";

	/**
	 * The most digits of an expiry (epoch seconds): enough for any
	 * {@link java.time.Instant}, few enough never to overflow a {@code long}.
	 */
	private static final int MAX_EXPIRY_DIGITS = 18;

	private final @Nullable SecretKeySpec key;

	private final byte @Nullable [] secretSignature;

	/**
	 * How far the clock of the instance that issued a cookie may be ahead of this one's.
	 */
	static final long CLOCK_SKEW_SECONDS = 60;

	private final Duration maxAge;

	private final Clock clock;

	/**
	 * Create the rule.
	 * @param secret the bypass secret, or {@code null} for none (the rule then admits
	 * nothing)
	 * @param maxAge how long a cookie stays valid
	 * @param clock the clock
	 */
	public BypassCookieAccessRule(@Nullable String secret, Duration maxAge, Clock clock) {
		if (secret != null && !secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalArgumentException("the secret must be at least " + MIN_SECRET_LENGTH + " characters long");
		}
		if (maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalArgumentException("the cookie's lifetime must be positive");
		}
		this.key = (secret != null && !secret.isEmpty())
				? new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM) : null;
		this.secretSignature = (this.key != null) ? sign("secret:" + secret) : null;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * Whether a bypass secret is configured.
	 * @return whether the rule can admit anyone
	 */
	public boolean isConfigured() {
		return this.key != null;
	}

	@Override
	public boolean admits(MaintenanceRequest request, MaintenanceState state) {
		if (this.key == null) {
			return false;
		}
		String value = request.cookie(NAME);
		return value != null && isValidCookie(value);
	}

	/**
	 * Return whether a candidate is the secret, in constant time.
	 * @param candidate what a visitor sent
	 * @return whether it is the secret
	 */
	public boolean isSecret(String candidate) {
		if (this.secretSignature == null) {
			return false;
		}
		return MessageDigest.isEqual(this.secretSignature, sign("secret:" + candidate));
	}

	/**
	 * Create a cookie value that is valid for the configured maximum age.
	 * @return the value
	 */
	public String issueCookieValue() {
		long expiry = this.clock.instant().plus(this.maxAge).getEpochSecond();
		return expiry + "." + signature(expiry);
	}

	/**
	 * Return the maximum age of the cookie.
	 * @return the maximum age
	 */
	public Duration getMaxAge() {
		return this.maxAge;
	}

	/**
	 * Return whether a cookie value is one that this rule issued and that has not
	 * expired, and that expires no later than the current {@code cookie-max-age} from
	 * now, give or take a minute of clock skew between instances (a cookie issued under a
	 * longer one is refused once it is shortened). Only the exact issued form is
	 * accepted: an expiry with leading zeros, or a signature spelled differently (other
	 * unused Base64 bits, padding), is refused.
	 */
	boolean isValidCookie(String value) {
		int dot = value.indexOf('.');
		if (dot < 1 || dot > MAX_EXPIRY_DIGITS || value.charAt(0) == '0') {
			return false;
		}
		long expiry = 0;
		for (int i = 0; i < dot; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
			expiry = expiry * 10 + (c - '0');
		}
		long now = this.clock.instant().getEpochSecond();
		if (expiry <= now || expiry - now > this.maxAge.getSeconds() + CLOCK_SKEW_SECONDS) {
			// expired, or issued under a longer cookie-max-age than the current one (give
			// or take the clock skew between the instance that issued it and this one)
			return false;
		}
		byte[] expected = signature(expiry).getBytes(StandardCharsets.US_ASCII);
		byte[] actual = value.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, actual);
	}

	private String signature(long expiry) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sign("cookie:" + expiry));
	}

	private byte[] sign(String payload) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is not available", ex);
		}
	}

}
