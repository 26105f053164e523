package io.github.maintenancemode.fuzz;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.maintenancemode.web.MaintenanceResponseKind;
import org.jspecify.annotations.Nullable;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Simple reference models of the decisions under test, built on independent parsers:
 * {@link InetAddress} for addresses, Spring's {@link PathPattern} and {@link MediaType}
 * for paths and {@code Accept} headers, plain string rules for the rest.
 */
final class Reference {

	/**
	 * A dotted-quad IPv4 address: four decimal octets up to 255, no leading zeros (which
	 * some parsers read as octal).
	 */
	static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6_GROUP_TOO_LONG = Pattern.compile("[0-9a-fA-F]{5,}");

	private static final Pattern OCTET_WITH_LEADING_ZERO = Pattern.compile("(^|\\.)0\\d");

	private static final BigInteger IPV4_MAPPED = BigInteger.valueOf(0xFFFF).shiftLeft(32);

	private static final Pattern REPORTED = Pattern
		.compile("(?s)\\[(?<bracketed>[^\\]%]*)(?:%[^\\]]*)?\\](?:%.*)?|(?<plain>[^\\[\\]%]*)(?:%.*)?");

	private Reference() {
	}

	/**
	 * Parse an address literal (without zone id or brackets) into 128 bits, IPv4 as
	 * IPv4-mapped IPv6, the way {@link InetAddress} reads literals, but stricter where
	 * the standards are: an IPv6 group has at most four hex digits, and no IPv4 octet has
	 * a leading zero. Never resolves a name.
	 * @param text the text
	 * @return the address, or empty when the text is not an address literal
	 */
	static Optional<BigInteger> address(String text) {
		if (!text.chars().allMatch((c) -> c < 128)) {
			return Optional.empty();
		}
		if (text.indexOf(':') >= 0) {
			String tail = text.substring(text.lastIndexOf(':') + 1);
			boolean octalLookingTail = tail.indexOf('.') >= 0 && OCTET_WITH_LEADING_ZERO.matcher(tail).find();
			if (IPV6_GROUP_TOO_LONG.matcher(text).find() || octalLookingTail || text.indexOf('[') >= 0
					|| text.indexOf(']') >= 0 || text.indexOf('%') >= 0) {
				return Optional.empty();
			}
			// in brackets, InetAddress takes the text as an IPv6 literal or refuses it
			return literal("[" + text + "]");
		}
		return IPV4.matcher(text).matches() ? literal(text) : Optional.empty();
	}

	/**
	 * Parse an address as servlet containers report it: the literal alone, followed by a
	 * zone id ({@code fe80::1%eth0}), or in brackets with the zone id inside or after
	 * them ({@code [fe80::1%eth0]}, {@code [fe80::1]%eth0}). Written as one regular
	 * expression, apart from the implementation's index arithmetic.
	 * @param text the text
	 * @return the address, or empty when the text is none of these forms
	 */
	static Optional<BigInteger> reportedAddress(String text) {
		Matcher matcher = REPORTED.matcher(text);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		String literal = (matcher.group("bracketed") != null) ? matcher.group("bracketed") : matcher.group("plain");
		return address(literal);
	}

	private static Optional<BigInteger> literal(String text) {
		try {
			byte[] bytes = InetAddress.getByName(text).getAddress();
			BigInteger value = new BigInteger(1, bytes);
			return Optional.of((bytes.length == 4) ? IPV4_MAPPED.or(value) : value);
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether an address lies in a range.
	 * @param address the address (128 bits)
	 * @param network the network (128 bits)
	 * @param prefixLength the prefix length, out of 128
	 * @return whether the first {@code prefixLength} bits agree
	 */
	static boolean inRange(BigInteger address, BigInteger network, int prefixLength) {
		int hostBits = 128 - prefixLength;
		return address.shiftRight(hostBits).equals(network.shiftRight(hostBits));
	}

	/**
	 * Whether a {@code Host} header names one of the allowed hosts: the same name,
	 * ignoring ASCII case, and the same port when the entry has one.
	 * @param entries the allowed hosts, each optionally with {@code :port}
	 * @param host the header
	 * @return whether it is allowed
	 */
	static boolean hostAllowed(List<String> entries, @Nullable String host) {
		if (host == null) {
			return false;
		}
		String lower = asciiLowerCase(host);
		for (String entry : entries) {
			String allowed = asciiLowerCase(entry.strip());
			if (lower.equals(allowed) || (allowed.indexOf(':') < 0 && lower.startsWith(allowed + ":"))) {
				return true;
			}
		}
		return false;
	}

	private static String asciiLowerCase(String text) {
		StringBuilder lower = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			lower.append((c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c);
		}
		return lower.toString();
	}

	/**
	 * The representation a well-formed {@code Accept} header asks for: the highest
	 * quality among the explicit HTML, JSON and plain-text ranges ({@code *}{@code /*}
	 * does not count), HTML before JSON before plain text on a tie, plain text when none
	 * is acceptable.
	 * @param accept the header
	 * @return the representation, or empty when Spring cannot parse the header
	 */
	static Optional<MaintenanceResponseKind> kind(@Nullable String accept) {
		if (accept == null || accept.isBlank()) {
			return Optional.of(MaintenanceResponseKind.PLAIN);
		}
		List<MediaType> types;
		try {
			types = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return Optional.empty();
		}
		double html = 0;
		double json = 0;
		double plain = 0;
		for (MediaType type : types) {
			double quality = type.getQualityValue();
			String name = type.getType() + "/" + type.getSubtype();
			if (name.equals("text/html") || name.equals("application/xhtml+xml")) {
				html = Math.max(html, quality);
			}
			else if (type.getType().equals("application") && (name.equals("application/json")
					|| type.getSubtype().equals("*") || type.getSubtype().endsWith("+json"))) {
				json = Math.max(json, quality);
			}
			else if (name.equals("text/plain") || name.equals("text/*")) {
				plain = Math.max(plain, quality);
			}
		}
		if (html > 0 && html >= json && html >= plain) {
			return Optional.of(MaintenanceResponseKind.HTML);
		}
		if (json > 0 && json >= plain) {
			return Optional.of(MaintenanceResponseKind.JSON);
		}
		return Optional.of(MaintenanceResponseKind.PLAIN);
	}

	/**
	 * Whether a path matches one of the patterns. The path is already decoded, so it is
	 * matched as it is, segment by segment, and never decoded a second time.
	 * @param patterns Spring {@link PathPattern} patterns
	 * @param path the decoded path
	 * @return whether one matches
	 */
	static boolean pathAllowed(List<String> patterns, String path) {
		if (handlerPath(path) == null) {
			return false;
		}
		// the path as Spring MVC's handler mapping parses it: segments decoded
		PathContainer container = PathContainer.parsePath(path);
		return patterns.stream()
			.map(PathPatternParser.defaultInstance::parse)
			.anyMatch((pattern) -> pattern.matches(container));
	}

	/**
	 * The path a path rule sees for a raw URI: the URI itself when it is canonical, no
	 * path at all otherwise. Written apart from the implementation, as a regular
	 * expression of what is not canonical.
	 * @param uri the raw URI
	 * @return the path, or {@code null}
	 */
	static @Nullable String handlerPath(String uri) {
		boolean canonical = uri.startsWith("/") && !uri.matches("(?s).*(//|/\\.\\.?(/|$)|;|\\\\|[\\x00-\\x1f\\x7f]"
				+ "|%(?![0-9A-Fa-f]{2})|%(2[eEfF5]|5[cC]|3[bB]|[01][0-9A-Fa-f]|7[fF])).*");
		return canonical ? uri : null;
	}

}
