package io.github.maintenancemode.store;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the flat JSON objects of the {@link FileMaintenanceStateStore}, so
 * that the store needs no JSON library: an object's members are strings, whole numbers
 * ({@link Long}), other numbers ({@link BigDecimal}), booleans or {@code null}; nested
 * objects and arrays are checked and reported as {@link #NESTED}.
 */
final class MaintenanceFileJson {

	/**
	 * The value reported for a nested object or array.
	 */
	static final Object NESTED = new Object();

	private static final int MAX_DEPTH = 64;

	private final String text;

	private int position;

	private MaintenanceFileJson(String text) {
		this.text = text;
	}

	/**
	 * Read a JSON object.
	 * @param text the JSON text
	 * @return the object's members, in their order
	 * @throws IllegalArgumentException if the text is not one JSON object
	 */
	static Map<String, @Nullable Object> readObject(String text) {
		MaintenanceFileJson json = new MaintenanceFileJson(text);
		json.skipWhitespace();
		if (json.peek() != '{') {
			throw json.error("expected a JSON object");
		}
		Map<String, @Nullable Object> members = new LinkedHashMap<>();
		json.object(members, 0);
		json.skipWhitespace();
		if (json.position != text.length()) {
			throw json.error("unexpected text after the object");
		}
		return members;
	}

	private void object(@Nullable Map<String, @Nullable Object> members, int depth) {
		expect('{');
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return;
		}
		do {
			skipWhitespace();
			String name = string();
			skipWhitespace();
			expect(':');
			Object value = value(depth + 1);
			if (members != null) {
				members.put(name, value);
			}
			skipWhitespace();
		}
		while (consume(','));
		expect('}');
	}

	private @Nullable Object value(int depth) {
		if (depth > MAX_DEPTH) {
			throw error("nested too deeply");
		}
		skipWhitespace();
		char c = peek();
		if (c == '{') {
			object(null, depth);
			return NESTED;
		}
		if (c == '[') {
			array(depth);
			return NESTED;
		}
		if (c == '"') {
			return string();
		}
		if (c == '-' || (c >= '0' && c <= '9')) {
			return number();
		}
		for (String literal : new String[] { "true", "false", "null" }) {
			if (this.text.startsWith(literal, this.position)) {
				this.position += literal.length();
				return literal.equals("null") ? null : Boolean.valueOf(literal);
			}
		}
		throw error("unexpected character");
	}

	private void array(int depth) {
		expect('[');
		skipWhitespace();
		if (consume(']')) {
			return;
		}
		do {
			value(depth + 1);
			skipWhitespace();
		}
		while (consume(','));
		expect(']');
	}

	private String string() {
		expect('"');
		StringBuilder out = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return out.toString();
			}
			if (c < 0x20) {
				throw error("control character in a string");
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char escaped = next();
			switch (escaped) {
				case '"', '\\', '/' -> out.append(escaped);
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'u' -> out.append(unicodeEscape());
				default -> throw error("invalid escape");
			}
		}
	}

	private char unicodeEscape() {
		if (this.position + 4 > this.text.length()) {
			throw error("incomplete escape");
		}
		try {
			char c = (char) Integer.parseInt(this.text, this.position, this.position + 4, 16);
			this.position += 4;
			return c;
		}
		catch (NumberFormatException ex) {
			throw error("invalid escape");
		}
	}

	private Object number() {
		int start = this.position;
		while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		String number = this.text.substring(start, this.position);
		if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
			this.position = start;
			throw error("invalid number");
		}
		BigDecimal value = new BigDecimal(number);
		try {
			return (value.scale() <= 0) ? value.longValueExact() : value;
		}
		catch (ArithmeticException ex) {
			return value;
		}
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
	}

	private char peek() {
		return (this.position < this.text.length()) ? this.text.charAt(this.position) : 0;
	}

	private char next() {
		if (this.position >= this.text.length()) {
			throw error("unexpected end");
		}
		return this.text.charAt(this.position++);
	}

	private boolean consume(char c) {
		if (peek() == c && this.position < this.text.length()) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(char c) {
		if (!consume(c)) {
			throw error("expected '" + c + "'");
		}
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException(message + " at character " + (this.position + 1));
	}

}
