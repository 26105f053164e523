package io.github.maintenancemode.fuzz;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.IpAddressAccessRule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Property-based tests of the address rule ({@code maintenance.allow.ip-addresses}):
 * generated addresses in every textual form, random address-like strings and CIDR
 * entries, checked against {@link java.net.InetAddress} and a 128-bit reference.
 */
class IpAddressPropertyTests {

	private static final MaintenanceState ON = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null,
			null, null, 1);

	private static final IpAddressAccessRule ANY_ADDRESS = new IpAddressAccessRule(List.of("::/0"), true);

	private static final BigInteger IPV4_MAPPED = BigInteger.valueOf(0xFFFF).shiftLeft(32);

	private static final BigInteger ALL_ONES = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

	private static final Pattern ENTRY = Pattern.compile("([^/]*)(?:/(.*))?", Pattern.DOTALL);

	@Property(tries = 3000, seed = "20261122")
	void everyTextualFormOfAnAddressIsReadAsThatAddress(@ForAll("addresses") Address address) {
		assertThat(admits(ANY_ADDRESS, address.text())).as(address.text()).isTrue();
		assertThat(admits(rule(canonical(address.value())), address.text())).as(address.text()).isTrue();
		BigInteger neighbour = address.value().flipBit(0);
		assertThat(admits(rule(canonical(neighbour)), address.text())).as(address.text()).isFalse();
	}

	@Property(tries = 4000, seed = "20261123")
	void addressLikeTextIsReadExactlyAsInetAddressReadsLiterals(@ForAll("addressLikeText") String text) {
		Optional<BigInteger> expected = Reference.address(text);
		assertThat(admits(ANY_ADDRESS, text)).as("'%s' is an address", text).isEqualTo(expected.isPresent());
		expected.ifPresent((value) -> {
			assertThat(admits(rule(canonical(value)), text)).as(text).isTrue();
			assertThat(admits(rule(canonical(value.flipBit(0))), text)).as(text).isFalse();
		});
	}

	@Property(tries = 2000, seed = "20261124")
	void arbitraryTextNeverThrowsAndIsAnAddressOnlyWhenTheReferenceSaysSo(@ForAll("anyText") String text) {
		boolean admitted = admits(ANY_ADDRESS, text);
		// zones and brackets included: where a defect was found before
		assertThat(admitted).as("'%s' is an address", text).isEqualTo(Reference.reportedAddress(text).isPresent());
	}

	@Property(tries = 3000, seed = "20261125")
	void rangeAdmitsExactlyTheAddressesThatShareItsPrefix(@ForAll("ranges") Range range) {
		IpAddressAccessRule rule = rule(range.entry());
		int prefix = range.ipv4() ? 96 + range.prefixLength() : range.prefixLength();
		assertThat(admits(rule, range.candidate())).as("%s contains %s", range.entry(), range.candidate())
			.isEqualTo(Reference.inRange(range.candidateValue(), range.network(), prefix));
	}

	@Property(tries = 3000, seed = "20261126")
	void entriesAreAcceptedExactlyWhenValidAndRefusedWithTheirNameOtherwise(@ForAll("entries") String entry) {
		if (validEntry(entry)) {
			// a valid entry admits its own address (the network address of a range)
			String address = ((entry.indexOf('/') >= 0) ? entry.substring(0, entry.indexOf('/')) : entry).strip();
			assertThat(admits(rule(entry), address)).as("entry '%s' admits %s", entry, address).isTrue();
		}
		else {
			assertThatIllegalArgumentException().as("entry '%s'", entry)
				.isThrownBy(() -> rule(entry))
				.withMessageContaining("'" + entry + "'");
		}
	}

	@Provide
	Arbitrary<Address> addresses() {
		return Arbitraries.randomValue(IpAddressPropertyTests::address);
	}

	@Provide
	Arbitrary<String> addressLikeText() {
		return Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789abcdefABCDEF::::..").ofMaxLength(42),
				Arbitraries.strings().withChars("0123456789..").ofMaxLength(18),
				Arbitraries.randomValue((random) -> mutate(random, address(random).text()))
					.filter((text) -> text.indexOf('[') < 0 && text.indexOf(']') < 0 && text.indexOf('%') < 0));
	}

	@Provide
	Arbitrary<String> anyText() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
				Arbitraries.strings().withChars("0123456789abcdef:.%[] \t\u0663\uFF11\uFF41\u00B9").ofMaxLength(40),
				Arbitraries.randomValue((random) -> mutate(random, address(random).text())));
	}

	@Provide
	Arbitrary<Range> ranges() {
		return Arbitraries.randomValue(IpAddressPropertyTests::range);
	}

	@Provide
	Arbitrary<String> entries() {
		return Arbitraries.oneOf(Arbitraries.randomValue((random) -> range(random).entry()),
				Arbitraries.randomValue((random) -> mutate(random, range(random).entry())),
				Arbitraries.randomValue((random) -> otherScriptDigits(random, range(random).entry())),
				Arbitraries.strings().withChars("0123456789abcdef:./%[] \u0663\u0668").ofMaxLength(30));
	}

	private static boolean admits(IpAddressAccessRule rule, @Nullable String address) {
		return rule.admits(FuzzRequest.from(address), ON);
	}

	private static IpAddressAccessRule rule(String entry) {
		return new IpAddressAccessRule(List.of(entry), true);
	}

	/**
	 * The reference's reading of an entry: an address literal (no zone id, no brackets),
	 * optionally followed by {@code /} and a prefix length of one to three ASCII digits,
	 * up to 32 for IPv4 and 128 for IPv6.
	 */
	private static boolean validEntry(String entry) {
		Matcher parts = ENTRY.matcher(entry.strip());
		if (!parts.matches() || Reference.address(parts.group(1)).isEmpty()) {
			return false;
		}
		String prefix = parts.group(2);
		if (prefix == null) {
			return true;
		}
		int max = (parts.group(1).indexOf(':') < 0) ? 32 : 128;
		return prefix.matches("[0-9]{1,3}") && Integer.parseInt(prefix) <= max;
	}

	static Address address(Random random) {
		if (random.nextInt(10) < 4) {
			long ipv4 = random.nextInt() & 0xFFFF_FFFFL;
			return new Address(dotted(ipv4), IPV4_MAPPED.or(BigInteger.valueOf(ipv4)));
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			int kind = random.nextInt(10);
			groups[i] = (kind < 4) ? 0 : (kind < 6) ? random.nextInt(16) : random.nextInt(0x10000);
		}
		boolean ipv4Tail = random.nextInt(5) == 0;
		if (ipv4Tail && random.nextBoolean()) {
			groups = new int[] { 0, 0, 0, 0, 0, 0xFFFF, random.nextInt(0x10000), random.nextInt(0x10000) };
		}
		BigInteger value = BigInteger.ZERO;
		for (int group : groups) {
			value = value.shiftLeft(16).or(BigInteger.valueOf(group));
		}
		String text = ipv6(random, groups, ipv4Tail);
		if (random.nextInt(10) == 0) {
			text = text + "%" + (random.nextBoolean() ? "eth0" : Integer.toString(random.nextInt(20)));
		}
		if (random.nextInt(10) == 0) {
			text = "[" + text + "]";
		}
		return new Address(text, value);
	}

	private static String ipv6(Random random, int[] groups, boolean ipv4Tail) {
		int count = ipv4Tail ? 6 : 8;
		String[] texts = new String[count];
		for (int i = 0; i < count; i++) {
			String hex = Integer.toHexString(groups[i]);
			int padding = random.nextInt(5 - hex.length());
			hex = "0".repeat(padding) + hex;
			texts[i] = random.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex;
		}
		String tail = ipv4Tail ? dotted(((long) groups[6] << 16) | groups[7]) : null;
		int[] run = zeroRun(random, groups, count);
		StringBuilder text = new StringBuilder();
		if (run == null) {
			text.append(String.join(":", texts));
			if (tail != null) {
				text.append(':').append(tail);
			}
			return text.toString();
		}
		text.append(String.join(":", Arrays.copyOfRange(texts, 0, run[0]))).append("::");
		String after = String.join(":", Arrays.copyOfRange(texts, run[1], count));
		text.append(after);
		if (tail != null) {
			text.append(after.isEmpty() ? "" : ":").append(tail);
		}
		return text.toString();
	}

	/**
	 * Pick a run of zero groups to compress, or none.
	 */
	private static int @Nullable [] zeroRun(Random random, int[] groups, int count) {
		if (random.nextInt(4) == 0) {
			return null;
		}
		int start = random.nextInt(count);
		while (start < count && groups[start] != 0) {
			start++;
		}
		if (start == count) {
			return null;
		}
		int end = start;
		while (end < count && groups[end] == 0 && (end == start || random.nextInt(4) > 0)) {
			end++;
		}
		return new int[] { start, end };
	}

	private static String dotted(long ipv4) {
		return ((ipv4 >> 24) & 0xFF) + "." + ((ipv4 >> 16) & 0xFF) + "." + ((ipv4 >> 8) & 0xFF) + "." + (ipv4 & 0xFF);
	}

	/**
	 * The full, uncompressed IPv6 form of 128 bits.
	 */
	static String canonical(BigInteger value) {
		StringBuilder text = new StringBuilder();
		for (int shift = 112; shift >= 0; shift -= 16) {
			text.append(Integer.toHexString(value.shiftRight(shift).intValue() & 0xFFFF));
			if (shift > 0) {
				text.append(':');
			}
		}
		return text.toString();
	}

	private static Range range(Random random) {
		boolean ipv4 = random.nextBoolean();
		Address network = address(random);
		while (network.text().contains("%") || network.text().contains("[") || ipv4 != isIpv4Text(network.text())) {
			network = address(random);
		}
		int max = ipv4 ? 32 : 128;
		int prefixLength = random.nextInt(max + 1);
		int bits = ipv4 ? 96 + prefixLength : prefixLength;
		BigInteger candidate = network.value();
		if (random.nextBoolean()) {
			candidate = candidate.flipBit(random.nextInt(128));
		}
		else if (bits < 128) {
			candidate = candidate.flipBit(random.nextInt(128 - bits));
		}
		candidate = candidate.and(ALL_ONES);
		String candidateText = (ipv4 && candidate.shiftRight(32).equals(BigInteger.valueOf(0xFFFF))
				&& random.nextBoolean()) ? dotted(candidate.longValue() & 0xFFFF_FFFFL) : canonical(candidate);
		String entry = network.text() + ((random.nextInt(8) == 0) ? "" : "/" + prefixLength);
		int effective = entry.contains("/") ? prefixLength : max;
		return new Range(entry, network.value(), ipv4, effective, candidateText, candidate);
	}

	private static boolean isIpv4Text(String text) {
		return text.indexOf(':') < 0;
	}

	/**
	 * Write the prefix length with digits of another script (Arabic-Indic, full width),
	 * which {@link Character#isDigit(char)} accepts.
	 */
	private static String otherScriptDigits(Random random, String entry) {
		int slash = entry.indexOf('/');
		if (slash < 0) {
			return entry;
		}
		char zero = random.nextBoolean() ? '\u0660' : '\uFF10';
		StringBuilder prefix = new StringBuilder();
		for (char c : entry.substring(slash + 1).toCharArray()) {
			prefix.append((random.nextBoolean() && c >= '0' && c <= '9') ? (char) (zero + (c - '0')) : c);
		}
		return entry.substring(0, slash + 1) + prefix;
	}

	private static String mutate(Random random, String text) {
		StringBuilder mutated = new StringBuilder(text);
		String alphabet = "0123456789abcdefg:./%[]- \u0663\uFF11";
		int edits = 1 + random.nextInt(2);
		for (int i = 0; i < edits; i++) {
			int at = random.nextInt(mutated.length() + 1);
			switch (random.nextInt(3)) {
				case 0 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
				case 1 -> {
					if (at < mutated.length()) {
						mutated.deleteCharAt(at);
					}
				}
				default -> {
					if (at < mutated.length()) {
						mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
					}
				}
			}
		}
		return mutated.toString();
	}

	/**
	 * A generated address.
	 *
	 * @param text its text, in one of the forms servers report
	 * @param value its 128 bits (IPv4 as IPv4-mapped IPv6)
	 */
	record Address(String text, BigInteger value) {

	}

	/**
	 * A generated range and a candidate address.
	 *
	 * @param entry the configuration entry
	 * @param network the network bits
	 * @param ipv4 whether the entry is IPv4
	 * @param prefixLength the prefix length within the family
	 * @param candidate the candidate's text
	 * @param candidateValue the candidate's bits
	 */
	record Range(String entry, BigInteger network, boolean ipv4, int prefixLength, String candidate,
			BigInteger candidateValue) {

	}

}
