package io.github.maintenancemode.fuzz;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.actuate.InvalidMaintenanceRequestException;
import io.github.maintenancemode.actuate.MaintenanceChangeRequest;
import io.github.maintenancemode.web.BypassCookieAccessRule;
import io.github.maintenancemode.web.HostAccessRule;
import io.github.maintenancemode.web.IpAddressAccessRule;
import io.github.maintenancemode.web.MaintenanceResponseKind;
import io.github.maintenancemode.web.PathAccessRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The defects that the property-based tests and the reliability suite found, one example
 * each, so that they stay fixed whatever the generators try next.
 */
class FoundByFuzzingTests {

	private static final MaintenanceState ON = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null,
			null, null, 1);

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@ParameterizedTest
	@ValueSource(strings = { "/open/%zz", "/open/a%", "/open/%E0%A4%A" })
	void pathWithAPercentThatIsNoEscapeIsRefusedWithoutFailing(String path) {
		// no handler mapping can route it either: Spring MVC fails to decode it
		PathAccessRule rule = new PathAccessRule(List.of("/open/**"));
		assertThat(rule.admits(FuzzRequest.withPath(path), ON)).isFalse();
	}

	@Test
	void rawPathIsDecodedOnceAsTheHandlerMappingDecodesIt() {
		PathAccessRule rule = new PathAccessRule(List.of("/files/{name}.txt", "/static/{*rest}"));
		assertThat(rule.admits(FuzzRequest.withPath("/files/a.txt"), ON)).isTrue();
		assertThat(rule.admits(FuzzRequest.withPath("/static/%61pp.js"), ON)).isTrue();
		assertThat(rule.admits(FuzzRequest.withPath("/files/a%2561.txt"), ON)).isTrue();
		// a literal spelt with escapes fails the literal-prefix check:
		// refused, the safe side
		assertThat(rule.admits(FuzzRequest.withPath("/st%61tic/app.js"), ON)).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			text/html;Q=0, text/plain            | PLAIN
			text/html;Q=0.1, application/json    | JSON
			application/json;Q=0, text/html;q=0.1 | HTML
			""")
	void qualityParameterIsCaseInsensitive(String accept, MaintenanceResponseKind kind) {
		assertThat(MaintenanceResponseKind.negotiate(accept)).isEqualTo(kind);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			\u017Ftaff.example.com:8 | false
			\u212Aiosk.local         | false
			K\u0130OSK.local         | false
			STAFF.Example.com:8      | true
			KIOSK.local:443          | true
			""")
	void hostNamesAreComparedIgnoringAsciiCaseOnly(String host, boolean admitted) {
		HostAccessRule rule = new HostAccessRule(List.of("staff.example.com:8", "kiosk.local"));
		assertThat(rule.admits(FuzzRequest.withHost(host), ON)).isEqualTo(admitted);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2001:db8::\u0661", "2001:db8::\uFF11", "\uFF12001:db8::1" })
	void addressesAreAsciiOnly(String address) {
		IpAddressAccessRule rule = new IpAddressAccessRule(List.of("::/0"), true);
		assertThat(rule.admits(FuzzRequest.from(address), ON)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "[fe80::1%eth0]", "[fe80::1]%eth0", "fe80::1%eth0", "[fe80::1]" })
	void bracketedAddressesMayCarryTheirZoneInside(String address) {
		IpAddressAccessRule rule = new IpAddressAccessRule(List.of("fe80::/10"), true);
		assertThat(rule.admits(FuzzRequest.from(address), ON)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/\u0668", "10.0.0.0/\uFF18", "2001:db8::/\u0663\u0662" })
	void prefixLengthsAreAsciiDigits(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> new IpAddressAccessRule(List.of(entry), true))
			.withMessageContaining("'" + entry + "'");
	}

	@Test
	void onlyTheExactIssuedBypassCookieIsAccepted() {
		BypassCookieAccessRule rule = new BypassCookieAccessRule("fuzz-bypass-secret-0123", Duration.ofHours(1),
				Clock.fixed(NOW, ZoneOffset.UTC));
		String valid = rule.issueCookieValue();
		String signature = valid.substring(valid.indexOf('.') + 1);
		String base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char last = signature.charAt(signature.length() - 1);
		String otherUnusedBits = valid.substring(0, valid.length() - 1) + base64.charAt(base64.indexOf(last) ^ 1);
		assertThat(rule.admits(FuzzRequest.withCookie(valid), ON)).isTrue();
		assertThat(rule.admits(FuzzRequest.withCookie("0" + valid), ON)).isFalse();
		assertThat(rule.admits(FuzzRequest.withCookie("00" + valid), ON)).isFalse();
		assertThat(rule.admits(FuzzRequest.withCookie(otherUnusedBits), ON)).isFalse();
		assertThat(rule.admits(FuzzRequest.withCookie(valid + "="), ON)).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			+1000000000-12-31T23:59:59Z |                             |           | until
			+10000-01-01T00:00:00Z      |                             |           | until
			                            | +1000000000-01-01T00:00:00Z | PT1H      | start
			                            |                             | P3000000D | duration
			                            | 9999-12-31T23:00:00Z        | PT2H      | duration
			""")
	void endsBeyondYear9999AreRefused(String until, String start, String duration, String field) {
		assertThatExceptionOfType(InvalidMaintenanceRequestException.class)
			.isThrownBy(() -> MaintenanceChangeRequest.parse(true, null, null, start, until, duration, NOW))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo(field))
			.withMessageContaining("9999-12-31T23:59:59Z");
	}

	@Test
	void lastSecondOfYear9999IsAccepted() {
		assertThat(MaintenanceChangeRequest.parse(true, null, null, null, "9999-12-31T23:59:59Z", null, NOW).until())
			.isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "lone \ud800", "\udc00 lone", "reversed \udc00\ud800" })
	void reasonsMustBeValidUnicode(String reason) {
		assertThatExceptionOfType(InvalidMaintenanceRequestException.class)
			.isThrownBy(() -> MaintenanceChangeRequest.parse(true, reason, null, null, null, null, NOW))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("reason"));
		assertThat(MaintenanceChangeRequest.parse(true, "emoji \ud83d\ude00", null, null, null, null, NOW).reason())
			.isEqualTo("emoji \ud83d\ude00");
	}

}
