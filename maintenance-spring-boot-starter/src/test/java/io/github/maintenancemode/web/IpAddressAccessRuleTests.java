package io.github.maintenancemode.web;

import java.util.List;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IpAddressAccessRule}, {@link IpAddressRange} and {@link IpAddresses}.
 */
@ExtendWith(OutputCaptureExtension.class)
class IpAddressAccessRuleTests {

	private static final String FORWARDED_WARNING = "server.forward-headers-strategy is not set";

	private final IpAddressAccessRule rule = new IpAddressAccessRule(
			List.of("10.0.0.1", "192.168.10.0/24", "172.16.0.0/12", "2001:db8::/32", "::1", "fe80::1234"), true);

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			10.0.0.1,                  true
			10.0.0.15,                 false
			10.0.0.10,                 false
			10.0.0.2,                  false
			192.168.10.0,              true
			192.168.10.255,            true
			192.168.9.255,             false
			192.168.11.0,              false
			172.16.0.0,                true
			172.31.255.255,            true
			172.32.0.0,                false
			172.15.255.255,            false
			2001:db8::1,               true
			2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff, true
			2001:db9::,                false
			2001:db7:ffff:ffff:ffff:ffff:ffff:ffff,  false
			0:0:0:0:0:0:0:1,           true
			::1,                       true
			::2,                       false
			::ffff:10.0.0.1,           true
			::ffff:10.0.0.15,          false
			0:0:0:0:0:ffff:c0a8:0a05,  true
			fe80::1234%eth0,           true
			[::1],                     true
			127.0.0.1,                 false
			not-an-address,            false
			'',                        false
			10.0.0.1.,                 false
			010.0.0.1,                 false
			""")
	void admitsMatchingAddressesOnly(String address, boolean admitted) {
		assertThat(this.rule.admits(from(address, null), on())).isEqualTo(admitted);
	}

	@Test
	void forwardedHeaderFromTheClientNeverAdmits() {
		MaintenanceRequest spoofed = from("203.0.113.7", "10.0.0.1");
		assertThat(this.rule.admits(spoofed, on())).isFalse();
		assertThat(new IpAddressAccessRule(List.of("10.0.0.1"), false).admits(spoofed, on())).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Forwarded-For", "Forwarded" })
	void firstForwardedRequestIsWarnedAboutOnceWhenTheServerDoesNotApplyForwardedHeaders(String header,
			CapturedOutput output) {
		IpAddressAccessRule unaware = new IpAddressAccessRule(List.of("10.0.0.1"), false);
		assertThat(unaware.admits(TestRequests.to("/").from("10.0.0.1").build(), on())).isTrue();
		assertThat(output).doesNotContain(FORWARDED_WARNING);
		MaintenanceRequest forwarded = TestRequests.to("/").from("203.0.113.7").header(header, "10.0.0.1").build();
		assertThat(unaware.admits(forwarded, on())).isFalse();
		assertThat(output).contains("requests arrive with a " + header + " header, but " + FORWARDED_WARNING);
		assertThat(unaware.admits(forwarded, on())).isFalse();
		assertThat(output.toString().split(FORWARDED_WARNING, -1)).hasSize(2);
	}

	@Test
	void forwardedRequestsAreNotWarnedAboutWhenTheServerAppliesForwardedHeaders(CapturedOutput output) {
		MaintenanceRequest forwarded = from("203.0.113.7", "10.0.0.1");
		assertThat(this.rule.admits(forwarded, on())).isFalse();
		assertThat(new IpAddressAccessRule(List.of(), false).admits(forwarded, on())).isFalse();
		assertThat(output).doesNotContain(FORWARDED_WARNING);
	}

	@Test
	void noEntriesAdmitNobody() {
		assertThat(new IpAddressAccessRule(List.of(), false).admits(from("10.0.0.1", null), on())).isFalse();
	}

	@Test
	void wholeRangesWork() {
		IpAddressAccessRule everyone = new IpAddressAccessRule(List.of("0.0.0.0/0", "::/0"), true);
		assertThat(everyone.admits(from("203.0.113.7", null), on())).isTrue();
		assertThat(everyone.admits(from("2001:db8::7", null), on())).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.256", "10.0.0", "10.0.0.0/33", "10.0.0.0/", "2001:db8::/129", "host.example.com",
			"1:2:3:4:5:6:7:8:9", "1::2::3", "10.0.0.0/-1", "fe80::1%eth0", "", "010.0.0.1", ":::" })
	void invalidEntriesAreRejectedWithTheirName(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> IpAddressRange.parse(entry))
			.withMessageContaining("'" + entry + "' is not an IP address or CIDR range");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			::,                          0,                  0
			::1,                         0,                  1
			1::,                         0x0001000000000000, 0
			1:2:3:4:5:6:7:8,             0x0001000200030004, 0x0005000600070008
			1:2:3:4:5:6:7::,             0x0001000200030004, 0x0005000600070000
			::2:3:4:5:6:7:8,             0x0000000200030004, 0x0005000600070008
			2001:db8::ff00:42:8329,      0x20010db800000000, 0x0000ff0000428329
			::ffff:192.0.2.128,          0,                  0x0000ffffc0000280
			192.0.2.128,                 0,                  0x0000ffffc0000280
			""")
	void parsesEveryForm(String text, String high, String low) {
		long[] bits = new long[2];
		assertThat(IpAddresses.parse(text, bits)).isTrue();
		assertThat(bits[0]).isEqualTo(Long.decode(high));
		assertThat(bits[1]).isEqualTo(Long.parseUnsignedLong(low.replace("0x", ""), 16));
	}

	private static MaintenanceState on() {
		return new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null, null, null, 1);
	}

	private static MaintenanceRequest from(String address, @Nullable String forwardedFor) {
		return TestRequests.to("/").from(address).header("X-Forwarded-For", forwardedFor).build();
	}

}
