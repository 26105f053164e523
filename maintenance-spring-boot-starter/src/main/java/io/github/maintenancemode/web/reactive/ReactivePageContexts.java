package io.github.maintenancemode.web.reactive;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.maintenancemode.web.PageContextScope;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.IContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.context.webflux.SpringWebFluxThymeleafRequestContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.naming.SpringContextVariableNames;
import org.thymeleaf.spring6.web.webflux.SpringWebFluxWebApplication;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.result.view.RequestContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebSession;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Makes the web contexts the maintenance page of a reactive application is rendered in:
 * what a Thymeleaf view of the application gets from WebFlux (link building on the
 * application's base path, Spring's request context, bean references in expressions), on
 * an anonymous view of the refused exchange. The page is cached and served to every
 * visitor, so the view has no headers, cookies, query, session, user or attributes of the
 * visitor whose request happened to render it.
 */
public class ReactivePageContexts {

	private final ApplicationContext applicationContext;

	private final SpringWebFluxWebApplication application = SpringWebFluxWebApplication
		.buildApplication(ReactiveAdapterRegistry.getSharedInstance());

	/**
	 * Create the contexts' factory.
	 * @param applicationContext the application
	 */
	public ReactivePageContexts(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	PageContextScope open(ServerWebExchange exchange, Locale locale, Map<String, Object> model) {
		ServerWebExchange anonymous = new AnonymousPageExchange(exchange, locale);
		Map<String, Object> variables = new HashMap<>(model);
		variables.put(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				new ThymeleafEvaluationContext(this.applicationContext, null));
		RequestContext requestContext = new RequestContext(anonymous, variables, this.applicationContext);
		variables.put(SpringContextVariableNames.SPRING_REQUEST_CONTEXT, requestContext);
		variables.put(SpringContextVariableNames.THYMELEAF_REQUEST_CONTEXT,
				new SpringWebFluxThymeleafRequestContext(requestContext, anonymous));
		IContext context = new WebContext(
				this.application.buildExchange(anonymous, locale, MediaType.TEXT_HTML, StandardCharsets.UTF_8), locale,
				variables);
		return new Scope(context);
	}

	/**
	 * Nothing is bound to the thread in a reactive application.
	 */
	private record Scope(IContext context) implements PageContextScope {

		@Override
		public void close() {
		}

	}

	/**
	 * The refused exchange as an anonymous visitor's: its path, base path and method, and
	 * nothing of the visitor.
	 */
	private static final class AnonymousPageExchange extends ServerWebExchangeDecorator {

		private final ServerHttpRequest request;

		private final Map<String, Object> attributes = new ConcurrentHashMap<>();

		private final Locale locale;

		AnonymousPageExchange(ServerWebExchange exchange, Locale locale) {
			super(exchange);
			this.request = new AnonymousPageRequest(exchange.getRequest());
			this.locale = locale;
		}

		@Override
		public ServerHttpRequest getRequest() {
			return this.request;
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public Mono<WebSession> getSession() {
			return Mono.empty();
		}

		@Override
		public <T extends Principal> Mono<T> getPrincipal() {
			return Mono.empty();
		}

		@Override
		public Mono<MultiValueMap<String, String>> getFormData() {
			return Mono.just(new LinkedMultiValueMap<>());
		}

		@Override
		public LocaleContext getLocaleContext() {
			return () -> this.locale;
		}

	}

	private static final class AnonymousPageRequest extends ServerHttpRequestDecorator {

		private final URI uri;

		AnonymousPageRequest(ServerHttpRequest request) {
			super(request);
			this.uri = UriComponentsBuilder.fromUri(request.getURI()).replaceQuery(null).build(true).toUri();
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public HttpHeaders getHeaders() {
			return HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());
		}

		@Override
		public MultiValueMap<String, HttpCookie> getCookies() {
			return CollectionUtils.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());
		}

		@Override
		public MultiValueMap<String, String> getQueryParams() {
			return CollectionUtils.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());
		}

		@Override
		public @Nullable InetSocketAddress getRemoteAddress() {
			return null;
		}

	}

}
