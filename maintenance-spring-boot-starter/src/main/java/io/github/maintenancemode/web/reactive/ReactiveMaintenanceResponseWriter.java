package io.github.maintenancemode.web.reactive;

import java.util.Locale;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.MaintenanceDecider;
import io.github.maintenancemode.web.MaintenanceDecision;
import io.github.maintenancemode.web.MaintenanceObservationFilter;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import io.github.maintenancemode.web.MaintenanceResponseKind;
import io.github.maintenancemode.web.MaintenanceResponses;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the {@link MaintenanceResponses maintenance responses} to reactive responses,
 * with the same status, headers and cached bodies as the servlet filter's writer: the
 * bodies are prepared once per state and language, and only copied into the response's
 * buffer here.
 */
public class ReactiveMaintenanceResponseWriter {

	private final MaintenanceResponses responses;

	private @Nullable ReactivePageContexts webContexts;

	/**
	 * Create a writer of the given responses.
	 * @param responses the responses
	 */
	public ReactiveMaintenanceResponseWriter(MaintenanceResponses responses) {
		this.responses = responses;
	}

	/**
	 * The responses this writer writes.
	 * @return the responses
	 */
	public MaintenanceResponses responses() {
		return this.responses;
	}

	/**
	 * Render pages in web contexts of the application, as views of it (link building on
	 * its base path, Spring's request context, bean references); without, a page is
	 * rendered outside any request.
	 * @param webContexts makes the contexts
	 */
	public void setWebContexts(ReactivePageContexts webContexts) {
		this.webContexts = webContexts;
	}

	/**
	 * Write the maintenance response.
	 * @param kind the representation, from {@link MaintenanceResponses#kindFor}
	 * @param exchange the refused exchange (its locale context chooses the texts)
	 * @param state the current state
	 * @return completes when the response is written
	 */
	public Mono<Void> write(MaintenanceResponseKind kind, ServerWebExchange exchange, MaintenanceState state) {
		MaintenanceResponses responses = this.responses;
		responses.refused(kind);
		exchange.getAttributes().put(MaintenanceObservationFilter.REFUSED_ATTRIBUTE, Boolean.TRUE);
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		long retryAfterSeconds = responses.retryAfterSeconds(state);
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
		headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT);
		headers.set("X-Content-Type-Options", "nosniff");
		String redirectUrl = responses.redirectUrl();
		if (kind == MaintenanceResponseKind.REDIRECT && redirectUrl != null) {
			response.setStatusCode(HttpStatus.TEMPORARY_REDIRECT);
			headers.set(HttpHeaders.LOCATION, redirectUrl);
			return response.setComplete();
		}
		Locale locale = exchange.getLocaleContext().getLocale();
		if (locale == null) {
			locale = Locale.getDefault();
		}
		response.setStatusCode(HttpStatusCode.valueOf(responses.status()));
		return switch (kind) {
			case HTML -> send(response, MaintenanceResponses.HTML_CONTENT_TYPE, page(exchange, state, locale));
			case JSON -> send(response, MaintenanceResponses.PROBLEM_CONTENT_TYPE, responses.problem(state, locale),
					retryAfterSeconds);
			default -> send(response, MaintenanceResponses.PLAIN_CONTENT_TYPE, responses.plain(state, locale));
		};
	}

	private byte[] page(ServerWebExchange exchange, MaintenanceState state, Locale locale) {
		boolean formRefused = !MaintenanceDecider.isSafe(exchange.getRequest().getMethod().name());
		byte[] page = this.responses.cachedPage(state, locale, formRefused);
		if (page != null) {
			return page;
		}
		MaintenancePageRenderer renderer = this.responses.pageRenderer();
		ReactivePageContexts contexts = this.webContexts;
		return this.responses.page(state, locale, formRefused, (cacheLocale) -> renderer.render(state, cacheLocale,
				formRefused, (contexts != null) ? (model) -> contexts.open(exchange, cacheLocale, model) : null));
	}

	/**
	 * Write the answer to the page's return poll: 200 with {@code {"active":false}} or
	 * {@code {"active":true,"retryAfter":N}}, never cached.
	 * @param state the current state
	 * @param response the response to write
	 * @return completes when the response is written
	 */
	public Mono<Void> writeStatus(MaintenanceState state, ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
		byte[][] parts = MaintenanceResponses.statusParts(state);
		if (parts.length == 1) {
			return send(response, MaintenanceResponses.STATUS_CONTENT_TYPE, parts[0]);
		}
		return send(response, MaintenanceResponses.STATUS_CONTENT_TYPE, parts, this.responses.retryAfterSeconds(state));
	}

	/**
	 * Answer a bypass link: {@code 303 See Other} to the same URL without the secret,
	 * setting the bypass cookie.
	 * @param redirect the redirect
	 * @param response the response to write
	 * @return completes when the response is written
	 */
	public Mono<Void> writeBypass(MaintenanceDecision.BypassRedirect redirect, ServerHttpResponse response) {
		response.addCookie(redirect.cookie());
		response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
		response.getHeaders().set(HttpHeaders.LOCATION, redirect.location());
		response.setStatusCode(HttpStatus.SEE_OTHER);
		return response.setComplete();
	}

	private static Mono<Void> send(ServerHttpResponse response, String contentType, byte[] body) {
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, contentType);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/**
	 * Send a body made of a head, the decimal seconds and a tail.
	 */
	private static Mono<Void> send(ServerHttpResponse response, String contentType, byte[][] around, long seconds) {
		byte[] digits = MaintenanceResponses.digits(seconds);
		int length = around[0].length + digits.length + around[1].length;
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, contentType);
		response.getHeaders().setContentLength(length);
		DataBuffer buffer = response.bufferFactory().allocateBuffer(length);
		buffer.write(around[0]);
		buffer.write(digits);
		buffer.write(around[1]);
		return response.writeWith(Mono.just(buffer));
	}

}
