package io.github.maintenancemode.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The announcement of a planned window, set as the request attribute {@value #ATTRIBUTE}
 * from {@code maintenance.announce-before} ahead of its start; and, while the site is
 * read-only, the notice that writes are closed, on every request that passes.
 *
 * @param reason the window's reason
 * @param start when it begins
 * @param end when it is expected to end, or {@code null}
 * @param messages the texts of the banner
 * @param writesClosed whether the site is read-only now: the application should show that
 * forms cannot be sent, and may disable them
 */
public record MaintenanceNotice(@Nullable String reason, Instant start, @Nullable Instant end,
		MaintenanceMessages messages, boolean writesClosed) {

	/**
	 * Create the announcement of a planned window.
	 * @param reason the window's reason
	 * @param start when it begins
	 * @param end when it is expected to end, or {@code null}
	 * @param messages the texts of the banner
	 */
	public MaintenanceNotice(@Nullable String reason, Instant start, @Nullable Instant end,
			MaintenanceMessages messages) {
		this(reason, start, end, messages, false);
	}

	/**
	 * The request attribute that holds the notice.
	 */
	public static final String ATTRIBUTE = "maintenanceNotice";

	/**
	 * The response header that carries the window's start for API clients.
	 */
	public static final String HEADER = "Maintenance-Notice";

	/**
	 * Return the banner text in a language: when the window starts and ends, and why.
	 * @param locale the visitor's locale
	 * @return the text
	 */
	public String message(Locale locale) {
		if (this.writesClosed) {
			String text = this.messages.get("maintenance.notice.read-only", locale);
			return (this.reason != null) ? text + " " + this.reason : text;
		}
		String text = this.messages.get("maintenance.notice.start", locale) + " " + format(this.start, locale);
		if (this.end != null) {
			text += " " + this.messages.get("maintenance.notice.end", locale) + " " + format(this.end, locale);
		}
		return (this.reason != null) ? text + ": " + this.reason : text + ".";
	}

	private static String format(Instant instant, Locale locale) {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.format(instant.atZone(ZoneOffset.UTC)) + " UTC";
	}

}
