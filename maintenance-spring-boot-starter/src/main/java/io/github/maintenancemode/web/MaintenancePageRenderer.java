package io.github.maintenancemode.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.RetryAfter;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders the maintenance page with Thymeleaf. The model holds {@code reason},
 * {@code until}, {@code since}, {@code mode} and {@code retryAfterSeconds}, plus
 * {@code untilText} (the end in UTC, formatted for the locale) and {@code texts} (the
 * page's texts in the visitor's language) and {@code refreshSeconds} (how often a browser
 * without JavaScript reloads the page) and {@code statusUrl} (what the page's script
 * polls to learn when maintenance ends).
 */
public class MaintenancePageRenderer {

	private static final String[] TEXT_KEYS = { "lang", "title", "heading", "text", "reason", "until", "unknown-end",
			"return" };

	private static final long MAX_REFRESH_SECONDS = 60;

	private final ITemplateEngine templateEngine;

	private final String templateName;

	private final MaintenanceMessages messages;

	private final Clock clock;

	private final Duration retryAfter;

	private final Supplier<String> pathPrefix;

	/**
	 * Create a renderer.
	 * @param templateEngine the template engine
	 * @param templateName the page's template
	 * @param messages the texts
	 * @param clock the clock
	 * @param retryAfter the delay clients wait when the end is unknown
	 * @param pathPrefix the application's context path and dispatcher servlet prefix, for
	 * the return poll's URL (asked when a page is rendered)
	 */
	public MaintenancePageRenderer(ITemplateEngine templateEngine, String templateName, MaintenanceMessages messages,
			Clock clock, Duration retryAfter, Supplier<String> pathPrefix) {
		this.pathPrefix = pathPrefix;
		this.templateEngine = templateEngine;
		this.templateName = templateName;
		this.messages = messages;
		this.clock = clock;
		this.retryAfter = retryAfter;
	}

	/**
	 * Return the application's context path and dispatcher servlet prefix: what comes
	 * before a handler path in the URI a browser sees.
	 * @return the prefix
	 */
	String pathPrefix() {
		return this.pathPrefix.get();
	}

	/**
	 * Render the page for a state in a locale.
	 * @param state the maintenance state
	 * @param locale the visitor's locale
	 * @return the page
	 */
	public String render(MaintenanceState state, Locale locale) {
		Map<String, Object> model = new HashMap<>();
		model.put("reason", state.reason());
		model.put("until", state.until());
		model.put("since", state.since());
		model.put("mode", state.mode());
		long retryAfterSeconds = RetryAfter.seconds(state, this.clock.instant(), this.retryAfter);
		model.put("retryAfterSeconds", retryAfterSeconds);
		model.put("refreshSeconds", Math.min(retryAfterSeconds, MAX_REFRESH_SECONDS));
		model.put("untilText", format(state.until(), locale));
		model.put("texts", texts(state, locale));
		model.put("statusUrl", pathPrefix() + ExemptPaths.STATUS_PATH);
		return this.templateEngine.process(this.templateName, new Context(locale, model));
	}

	private Map<String, String> texts(MaintenanceState state, Locale locale) {
		boolean readOnly = state.mode() == MaintenanceState.Mode.READ_ONLY;
		Map<String, String> texts = new HashMap<>();
		for (String key : TEXT_KEYS) {
			boolean modal = readOnly && (key.equals("title") || key.equals("heading") || key.equals("text"));
			texts.put(key, this.messages.get("maintenance.page." + (modal ? "read-only." : "") + key, locale));
		}
		return texts;
	}

	private static @Nullable String format(@Nullable Instant instant, Locale locale) {
		if (instant == null) {
			return null;
		}
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.format(instant.atZone(ZoneOffset.UTC)) + " UTC";
	}

}
