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
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.RetryAfter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IContext;

/**
 * Renders the maintenance page with Thymeleaf. The model holds {@code reason},
 * {@code until}, {@code since}, {@code mode} and {@code retryAfterSeconds}, plus
 * {@code untilText} (the end in UTC, formatted for the locale), {@code texts} (the page's
 * texts in the visitor's language), {@code refreshSeconds} (how often a browser without
 * JavaScript reloads the page), {@code statusUrl} (what the page's script polls to learn
 * when maintenance ends) and {@code formRefused} (whether the page answers a form
 * submission, which it then brings the visitor back to).
 * <p>
 * Given the refused request, the page is rendered as a view of the application: in a web
 * context with the application's context path, link building, message source and Spring's
 * request context, so that a replacement page can use the application's layout. The
 * rendered page is cached and served to every visitor, so the context shows the request
 * as an anonymous one: no session, cookies, user, parameters or headers reach the
 * template. A replacement template that fails to render gives the starter's own page,
 * with one warning per render.
 */
public class MaintenancePageRenderer {

	private static final Log logger = LogFactory.getLog(MaintenancePageRenderer.class);

	private static final String[] TEXT_KEYS = { "lang", "title", "heading", "text", "reason", "until", "unknown-end",
			"return", "form.text", "form.back" };

	private static final long MAX_REFRESH_SECONDS = 60;

	private final ITemplateEngine templateEngine;

	private final String templateName;

	private final MaintenanceMessages messages;

	private final Clock clock;

	private final Duration retryAfter;

	private final Supplier<String> pathPrefix;

	private @Nullable ITemplateEngine fallbackEngine;

	private @Nullable String fallbackTemplateName;

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
	 * Set the page rendered when the template fails to render: the starter's own.
	 * @param engine its engine
	 * @param templateName its template
	 */
	public void setFallback(ITemplateEngine engine, String templateName) {
		this.fallbackEngine = engine;
		this.fallbackTemplateName = templateName;
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
	 * Render the page for a state in a locale, outside any request.
	 * @param state the maintenance state
	 * @param locale the visitor's locale
	 * @return the page
	 */
	public String render(MaintenanceState state, Locale locale) {
		return render(state, locale, false, null);
	}

	/**
	 * Render the page for a state in a locale, outside any web context (as a reactive
	 * application's page is rendered).
	 * @param state the maintenance state
	 * @param locale the visitor's locale
	 * @param formRefused whether the page answers a form submission
	 * @return the page
	 */
	public String render(MaintenanceState state, Locale locale, boolean formRefused) {
		return render(state, locale, formRefused, null);
	}

	/**
	 * Render the page for a state in a locale, in a web context when one is given. The
	 * signature names no servlet type, so that the renderer loads in reactive
	 * applications.
	 * @param state the maintenance state
	 * @param locale the visitor's locale
	 * @param formRefused whether the page answers a form submission
	 * @param webContext opens the web context of the refused request around the model, or
	 * {@code null}
	 * @return the page
	 */
	public String render(MaintenanceState state, Locale locale, boolean formRefused,
			@Nullable Function<Map<String, Object>, PageContextScope> webContext) {
		Map<String, String> texts = texts(state, locale);
		String language = texts.get("lang");
		// dates in the language of the texts, never in one the page is not written in
		Locale textLocale = (language == null || language.equalsIgnoreCase(locale.getLanguage())) ? locale
				: Locale.forLanguageTag(language);
		Map<String, Object> model = new HashMap<>();
		model.put("reason", state.reason());
		model.put("until", state.until());
		model.put("since", state.since());
		model.put("mode", state.mode());
		long retryAfterSeconds = RetryAfter.seconds(state, this.clock.instant(), this.retryAfter);
		model.put("retryAfterSeconds", retryAfterSeconds);
		model.put("refreshSeconds", Math.min(retryAfterSeconds, MAX_REFRESH_SECONDS));
		model.put("untilText", format(state.until(), textLocale));
		model.put("texts", texts);
		model.put("formRefused", formRefused);
		model.put("statusUrl", pathPrefix() + ExemptPaths.STATUS_PATH);
		if (webContext == null) {
			return process(new Context(locale, model));
		}
		try (PageContextScope scope = webContext.apply(model)) {
			return process(scope.context());
		}
	}

	private String process(IContext context) {
		ITemplateEngine fallbackEngine = this.fallbackEngine;
		String fallbackTemplateName = this.fallbackTemplateName;
		if (fallbackEngine == null || fallbackTemplateName == null) {
			return this.templateEngine.process(this.templateName, context);
		}
		try {
			return this.templateEngine.process(this.templateName, context);
		}
		catch (RuntimeException ex) {
			logger.warn("The maintenance page template '" + this.templateName + "' failed to render (" + rootMessage(ex)
					+ "); answering with the starter's page instead");
			return fallbackEngine.process(fallbackTemplateName, context);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause != ex) ? ex.getMessage() + ": " + cause.getMessage() : ex.getMessage();
		return (message != null) ? message.replaceAll("\\s+", " ") : ex.getClass().getName();
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
