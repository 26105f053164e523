package io.github.maintenancemode.fuzz;

import java.util.List;
import java.util.Random;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.HostAccessRule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of the host rule ({@code maintenance.allow.hosts}) over generated
 * {@code Host} headers: near misses, ports, trailing dots, and letters from other scripts
 * whose case mapping lands on ASCII ({@code ſ} upper-cases to {@code S}, the Kelvin sign
 * lower-cases to {@code k}), against an ASCII case-insensitive reference.
 */
class HostMatchingPropertyTests {

	private static final MaintenanceState ON = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null,
			null, null, 1);

	private static final List<String> HOSTS = List.of("staff.example.com", "Admin.Example.com:8443", "kiosk.local",
			"sites.internal");

	private static final String[] NAMES = { "staff.example.com", "admin.example.com", "kiosk.local", "sites.internal",
			"example.com", "evil.example", "staff.example.com.evil", "xstaff.example.com" };

	private static final String[] PORTS = { "", ":8443", ":8444", ":80", ":", ":0", ":99999", ":8443:8443", ":-1" };

	private final HostAccessRule rule = new HostAccessRule(HOSTS);

	@Property(tries = 5000, seed = "20261131")
	void hostsAreAllowedExactlyByNameIgnoringAsciiCaseAndByPortWhenTheEntryHasOne(@ForAll("hosts") String host) {
		assertThat(this.rule.admits(FuzzRequest.withHost(host), ON)).as(host)
			.isEqualTo(Reference.hostAllowed(HOSTS, host));
	}

	@Property(tries = 2000, seed = "20261201")
	void arbitraryHostHeadersNeverThrow(@ForAll("anyHost") String host) {
		assertThat(this.rule.admits(FuzzRequest.withHost(host), ON)).as(host)
			.isEqualTo(Reference.hostAllowed(HOSTS, host));
	}

	@Provide
	Arbitrary<String> hosts() {
		return Arbitraries.randomValue(HostMatchingPropertyTests::host);
	}

	@Provide
	Arbitrary<String> anyHost() {
		return Arbitraries.strings().ofMaxLength(40);
	}

	private static String host(Random random) {
		StringBuilder name = new StringBuilder(NAMES[random.nextInt(NAMES.length)]);
		int changes = random.nextInt(3);
		for (int i = 0; i < changes; i++) {
			int at = random.nextInt(name.length());
			char c = name.charAt(at);
			switch (random.nextInt(6)) {
				case 0 -> name.setCharAt(at, Character.toUpperCase(c));
				case 1 -> name.setCharAt(at, (c == 's') ? '\u017F' : (c == 'k') ? '\u212A' : (c == 'i') ? '\u0130' : c);
				case 2 -> name.setCharAt(at, (c == 'i') ? '\u0131' : (c == 'a') ? '\u0430' : c);
				case 3 -> name.append('.');
				case 4 -> name.deleteCharAt(at);
				default -> name.insert(at, '-');
			}
		}
		return name + PORTS[random.nextInt(PORTS.length)];
	}

}
