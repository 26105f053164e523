package io.github.maintenancemode.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IpAddresses} and {@link IpAddressRange} at the boundaries of their
 * checks. The surviving PIT mutants of these checks are equivalent (see RELIABILITY.md,
 * mutation testing); these inputs pin the behaviour at each boundary.
 */
class IpAddressesTests {

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "[", "[]", "[%eth0]", "[]%eth0", "%", "%eth0", "%::1", "%10.0.0.1", "[::1]x", "[::1]:80",
			"[::1", "::1]", "1.2.3.4.", "1.2.3.4:", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7:8:", "1:2:3:4:5:6:7:8:9",
			"1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4::5:6:7:8", "1:2:3:4:5:6:1.2.3.4:1" })
	void rejectsNonAddresses(String text) {
		assertThat(IpAddresses.parse(text, new long[2])).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			[::1]%eth0,                0,                  1
			[::1%eth0],                0,                  1
			::1%eth0,                  0,                  1
			1.2.3.4%eth:0,             0,                  0x0000ffff01020304
			[1.2.3.4],                 0,                  0x0000ffff01020304
			1:2:3:4:5:6:1.2.3.4,       0x0001000200030004, 0x0005000601020304
			::1:2:3:4:5:1.2.3.4,       0x0000000100020003, 0x0004000501020304
			1:2:3:4:5:6:7::,           0x0001000200030004, 0x0005000600070000
			""")
	void parsesAddressesAtTheBoundaries(String text, String high, String low) {
		long[] bits = new long[2];
		assertThat(IpAddresses.parse(text, bits)).isTrue();
		assertThat(bits[0]).isEqualTo(Long.decode(high));
		assertThat(bits[1]).isEqualTo(Long.parseUnsignedLong(low.replace("0x", ""), 16));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			2001:db8:1:2::/64,   2001:db8:1:2:ffff:ffff:ffff:ffff, 2001:db8:1:3::
			2001:db8:1:2::/63,   2001:db8:1:3::,                   2001:db8:1:4::
			2001:db8:1:2::/65,   2001:db8:1:2:7fff:ffff:ffff:ffff, 2001:db8:1:2:8000::
			10.1.2.3/0,          255.255.255.255,                  ::
			::/0,                ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, -
			""")
	void masksAtTheHalfWayPoint(String entry, String inside, String outside) {
		IpAddressRange range = IpAddressRange.parse(entry);
		long[] bits = new long[2];
		assertThat(IpAddresses.parse(inside, bits)).isTrue();
		assertThat(range.contains(bits[0], bits[1])).isTrue();
		if (!outside.equals("-")) {
			assertThat(IpAddresses.parse(outside, bits)).isTrue();
			assertThat(range.contains(bits[0], bits[1])).isFalse();
		}
		assertThat(range).hasToString(entry);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "/8", "/", "%eth0", "%eth0/8", "[::1]", "[::1]/128", "10.0.0.1%eth0" })
	void rejectsEntriesWithoutAnAddress(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> IpAddressRange.parse(entry))
			.withMessageEndingWith("'" + entry + "' is not an IP address or CIDR range: not an IPv4 or IPv6 address");
	}

}
