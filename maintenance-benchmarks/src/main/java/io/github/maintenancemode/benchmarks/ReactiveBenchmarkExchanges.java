package io.github.maintenancemode.benchmarks;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.github.maintenancemode.web.MaintenanceRequest;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockWebSession;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * The exchanges the reactive benchmarks send, built once and reused for every invocation:
 * the same visitors as {@link BenchmarkRequests}, as Reactor Netty hands them to a web
 * filter of an application without a base path.
 */
final class ReactiveBenchmarkExchanges {

	/**
	 * The name of WebFlux's session cookie.
	 */
	static final String SESSION_COOKIE = "SESSION";

	/**
	 * The rest of the filter chain: completes at once.
	 */
	static final WebFilterChain CHAIN = (exchange) -> Mono.empty();

	/**
	 * Subscribes to what the filter returns, as the server does, and does nothing with
	 * the signals: one instance serves every invocation.
	 */
	static final CoreSubscriber<Void> SUBSCRIBER = new CoreSubscriber<>() {

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(Void value) {
		}

		@Override
		public void onError(Throwable error) {
			throw new IllegalStateException("The filter failed", error);
		}

		@Override
		public void onComplete() {
		}

	};

	private ReactiveBenchmarkExchanges() {
	}

	/**
	 * A visitor that no rule of {@link MaintenanceContext#ACCESS_RULES} admits: another
	 * path, address and host, a session cookie, and no bypass cookie.
	 * @param accept the {@code Accept} header
	 * @return the exchange
	 */
	static ServerWebExchange refused(String accept) {
		return exchange(get("/api/notes", accept));
	}

	/**
	 * A request for a path that {@code maintenance.allow.paths} admits.
	 * @return the exchange
	 */
	static ServerWebExchange admittedByPath() {
		return exchange(get("/api/job-runs", BenchmarkRequests.API_ACCEPT));
	}

	/**
	 * Return the view of a request that the web filter hands to the access rules, with a
	 * started session that holds no signed-in user: the starter's own (package-private)
	 * view class, built once here so that a benchmark of the rules measures the rules
	 * alone.
	 * @param request the request
	 * @return the view
	 * @throws IllegalStateException when the starter's view class has changed shape
	 */
	static MaintenanceRequest view(ServerHttpRequest request) {
		try {
			Class<?> type = Class.forName("io.github.maintenancemode.web.reactive.ReactiveMaintenanceRequest");
			Constructor<?> constructor = type.getDeclaredConstructor(ServerHttpRequest.class, String.class,
					String.class);
			constructor.setAccessible(true);
			Method withSession = type.getDeclaredMethod("withSession", WebSession.class);
			withSession.setAccessible(true);
			MockWebSession session = new MockWebSession();
			session.getAttributes().put("cart", "3 items");
			session.start();
			Object view = constructor.newInstance(request, request.getPath().value(), SESSION_COOKIE);
			return (MaintenanceRequest) withSession.invoke(view, session);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot build the web filter's request view", ex);
		}
	}

	private static ServerWebExchange exchange(ServerHttpRequest request) {
		return new DefaultServerWebExchange(request, new MockServerHttpResponse(), new DefaultWebSessionManager(),
				ServerCodecConfigurer.create(), new AcceptHeaderLocaleContextResolver());
	}

	private static BenchmarkServerRequest get(String path, String accept) {
		return BenchmarkServerRequest
			.get(path, remoteAddress(), HttpHeaders.HOST, "www.example.com", HttpHeaders.ACCEPT, accept,
					HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
			.cookie(SESSION_COOKIE, "5f2a9c0e-1b7d-4e3f-8a6c-2b1d0e9f7a3c")
			.cookie("consent", "analytics=0");
	}

	private static InetSocketAddress remoteAddress() {
		try {
			return new InetSocketAddress(InetAddress.getByAddress(new byte[] { (byte) 198, 51, 100, 23 }), 51234);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
