package io.github.maintenancemode.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Makes the writes of the {@code maintenance} endpoint of a reactive application take
 * exactly what they document, before the actuator binds them, as the servlet write filter
 * does (see {@link MaintenanceWriteChecks}). It runs after Spring Security's filter
 * chain, so that a caller is authenticated first. A refused write answers 400 (415 for
 * another content type) with a JSON body that names the field, and changes nothing.
 */
public class ReactiveMaintenanceWriteRequestFilter implements WebFilter, Ordered {

	/**
	 * The order of the filter: after Spring Security's chain (-100).
	 */
	public static final int ORDER = -90;

	private final ApplicationContext applicationContext;

	private final Function<ApplicationContext, String> endpointPath;

	private final Map<ApplicationContext, String> paths = new ConcurrentHashMap<>();

	/**
	 * Create the filter.
	 * @param applicationContext the application's context
	 * @param endpointPath the endpoint's path within the application in a context (the
	 * application's, or the actuator's own on a separate management port, whose server is
	 * built from its parent's web filters too), asked once per context; {@code ""} when
	 * that context's server does not serve the endpoint
	 */
	public ReactiveMaintenanceWriteRequestFilter(ApplicationContext applicationContext,
			Function<ApplicationContext, String> endpointPath) {
		this.applicationContext = applicationContext;
		this.endpointPath = endpointPath;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String method = request.getMethod().name();
		if (!MaintenanceWriteChecks.isWrite(method) || !isEndpoint(exchange)) {
			return chain.filter(exchange);
		}
		HttpHeaders headers = request.getHeaders();
		MaintenanceWriteChecks.Refusal refusal = MaintenanceWriteChecks.checkHead(method, sentMethod(request),
				headers.getFirst(HttpHeaders.CONTENT_TYPE), request.getURI().getRawQuery());
		if (refusal != null) {
			return refuse(exchange.getResponse(), refusal);
		}
		if (!"POST".equals(method)) {
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(request.getBody(), MaintenanceWriteChecks.MAX_BODY + 1)
			.map(ReactiveMaintenanceWriteRequestFilter::bytes)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> {
				MaintenanceWriteChecks.Refusal bodyRefusal = MaintenanceWriteChecks.checkBody(body);
				if (bodyRefusal != null) {
					return refuse(exchange.getResponse(), bodyRefusal);
				}
				return chain.filter(exchange.mutate().request(new CachedBodyRequest(request, body)).build());
			})
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> refuse(exchange.getResponse(), MaintenanceWriteChecks.tooLong()));
	}

	/**
	 * The method the client sent: the server's request, under any decorator (a filter
	 * such as Spring's {@code HiddenHttpMethodFilter} turns a form's {@code POST} with
	 * {@code _method=DELETE} into a {@code DELETE}).
	 */
	private static String sentMethod(ServerHttpRequest request) {
		ServerHttpRequest sent = request;
		while (sent instanceof ServerHttpRequestDecorator decorator) {
			sent = decorator.getDelegate();
		}
		return sent.getMethod().name();
	}

	private boolean isEndpoint(ServerWebExchange exchange) {
		ApplicationContext served = exchange.getApplicationContext();
		ApplicationContext context = (served != null) ? served : this.applicationContext;
		String path = this.paths.computeIfAbsent(context, this.endpointPath);
		return MaintenanceWriteChecks.isWithin(exchange.getRequest().getPath().pathWithinApplication().value(), path);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static Mono<Void> refuse(ServerHttpResponse response, MaintenanceWriteChecks.Refusal refusal) {
		byte[] body = refusal.body();
		response.setStatusCode(HttpStatusCode.valueOf(refusal.status()));
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, MaintenanceWriteChecks.Refusal.CONTENT_TYPE);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/**
	 * The request with its body read once and served again.
	 */
	private static final class CachedBodyRequest extends ServerHttpRequestDecorator {

		private final byte[] body;

		CachedBodyRequest(ServerHttpRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
		}

	}

}
