package io.github.maintenancemode.support;

import org.jspecify.annotations.Nullable;

/**
 * Writes JSON string literals, for the few fixed-shape JSON texts the starter writes
 * without a JSON library (the maintenance responses, the {@code MAINTENANCE} file).
 * Control characters and the line separators U+2028 and U+2029 are escaped.
 */
public final class JsonStrings {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private JsonStrings() {
	}

	/**
	 * Append a value as a JSON string literal, or {@code null}.
	 * @param out where to append
	 * @param value the value
	 */
	public static void append(StringBuilder out, @Nullable String value) {
		if (value == null) {
			out.append("null");
			return;
		}
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x2028 || c == 0x2029) {
						out.append("\\u")
							.append(HEX[(c >> 12) & 0xF])
							.append(HEX[(c >> 8) & 0xF])
							.append(HEX[(c >> 4) & 0xF])
							.append(HEX[c & 0xF]);
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
