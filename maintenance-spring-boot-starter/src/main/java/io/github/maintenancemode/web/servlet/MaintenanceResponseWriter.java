package io.github.maintenancemode.web.servlet;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.MaintenanceDecider;
import io.github.maintenancemode.web.MaintenanceMessages;
import io.github.maintenancemode.web.MaintenanceObservationFilter;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import io.github.maintenancemode.web.MaintenanceResponseKind;
import io.github.maintenancemode.web.MaintenanceResponses;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Writes the {@link MaintenanceResponses maintenance responses} to servlet responses:
 * status, {@code Retry-After}, {@code Cache-Control: no-store}, {@code Vary: Accept} and
 * the cached body in the representation chosen for the request (the response is never
 * stored, so {@code Vary} need not name the other headers that mark a program).
 */
public class MaintenanceResponseWriter {

	private final MaintenanceResponses responses;

	private MaintenanceLocaleResolver localeResolver = (request, response) -> request.getLocale();

	private @Nullable PageWebContexts webContexts;

	/**
	 * Create a writer of the given responses.
	 * @param responses the responses
	 */
	public MaintenanceResponseWriter(MaintenanceResponses responses) {
		this.responses = responses;
	}

	/**
	 * Create a writer of responses made with the given settings.
	 * @param pageRenderer renders the page
	 * @param messages the texts
	 * @param clock the clock
	 * @param retryAfter the delay clients wait when the end is unknown
	 * @param status the status of a maintenance response, a 4xx or 5xx code
	 * @param redirectUrl where browsers are sent instead of the page, or {@code null}
	 * @see MaintenanceResponses
	 */
	public MaintenanceResponseWriter(MaintenancePageRenderer pageRenderer, MaintenanceMessages messages, Clock clock,
			Duration retryAfter, int status, @Nullable String redirectUrl) {
		this(new MaintenanceResponses(pageRenderer, messages, clock, retryAfter, status, redirectUrl));
	}

	/**
	 * The responses this writer writes.
	 * @return the responses
	 */
	public MaintenanceResponses responses() {
		return this.responses;
	}

	/**
	 * Set how the language of a response is chosen: by default the request's
	 * {@code Accept-Language}.
	 * @param localeResolver the locale the application would choose for a request
	 */
	public void setLocaleResolver(MaintenanceLocaleResolver localeResolver) {
		this.localeResolver = localeResolver;
	}

	/**
	 * Render pages in web contexts of the application, as views of it (see
	 * {@link MaintenancePageRenderer}); without, a page is rendered outside any request.
	 * @param webContexts makes the contexts
	 */
	public void setWebContexts(PageWebContexts webContexts) {
		this.webContexts = webContexts;
	}

	/**
	 * Write the maintenance response.
	 * @param kind the representation, from {@link MaintenanceResponses#kindFor}
	 * @param request the refused request (its locale chooses the texts; a page is
	 * rendered in its web context when none is cached)
	 * @param state the current state
	 * @param response the response to write
	 * @throws IOException on a write error
	 */
	public void write(MaintenanceResponseKind kind, HttpServletRequest request, MaintenanceState state,
			HttpServletResponse response) throws IOException {
		MaintenanceResponses responses = this.responses;
		responses.refused(kind);
		// a constant, so that refusing a request allocates nothing for it
		request.setAttribute(MaintenanceObservationFilter.REFUSED_ATTRIBUTE, Boolean.TRUE);
		long retryAfterSeconds = responses.retryAfterSeconds(state);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
		response.setHeader("X-Content-Type-Options", "nosniff");
		String redirectUrl = responses.redirectUrl();
		if (kind == MaintenanceResponseKind.REDIRECT && redirectUrl != null) {
			response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
			response.setHeader(HttpHeaders.LOCATION, redirectUrl);
			return;
		}
		Locale locale = this.localeResolver.resolve(request, response);
		response.setStatus(responses.status());
		switch (kind) {
			case HTML -> send(response, MaintenanceResponses.HTML_CONTENT_TYPE, page(request, response, state, locale));
			case JSON -> send(response, MaintenanceResponses.PROBLEM_CONTENT_TYPE, responses.problem(state, locale),
					retryAfterSeconds);
			default -> send(response, MaintenanceResponses.PLAIN_CONTENT_TYPE, responses.plain(state, locale));
		}
	}

	private byte[] page(HttpServletRequest request, HttpServletResponse response, MaintenanceState state,
			Locale locale) {
		boolean formRefused = !MaintenanceDecider.isSafe(request.getMethod());
		byte[] page = this.responses.cachedPage(state, locale, formRefused);
		if (page != null) {
			return page;
		}
		MaintenancePageRenderer renderer = this.responses.pageRenderer();
		PageWebContexts contexts = this.webContexts;
		return this.responses.page(state, locale, formRefused,
				(cacheLocale) -> renderer.render(state, cacheLocale, formRefused,
						(contexts != null) ? (model) -> contexts.open(request, response, cacheLocale, model) : null));
	}

	/**
	 * Write the answer to the page's return poll: 200 with {@code {"active":false}} or
	 * {@code {"active":true,"retryAfter":N}}, never cached.
	 * @param state the current state
	 * @param response the response to write
	 * @throws IOException on a write error
	 */
	public void writeStatus(MaintenanceState state, HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		byte[][] parts = MaintenanceResponses.statusParts(state);
		if (parts.length == 1) {
			send(response, MaintenanceResponses.STATUS_CONTENT_TYPE, parts[0]);
		}
		else {
			send(response, MaintenanceResponses.STATUS_CONTENT_TYPE, parts, this.responses.retryAfterSeconds(state));
		}
	}

	private static void send(HttpServletResponse response, String contentType, byte[] body) throws IOException {
		response.setContentType(contentType);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * Send a body made of a head, the decimal seconds and a tail.
	 */
	private static void send(HttpServletResponse response, String contentType, byte[][] around, long seconds)
			throws IOException {
		byte[] digits = MaintenanceResponses.digits(seconds);
		response.setContentType(contentType);
		response.setContentLength(around[0].length + digits.length + around[1].length);
		ServletOutputStream out = response.getOutputStream();
		out.write(around[0]);
		out.write(digits);
		out.write(around[1]);
	}

}
