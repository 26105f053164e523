package io.github.maintenancemode.benchmarks;

import java.net.InetSocketAddress;
import java.net.URI;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A reactive request as Reactor Netty hands it to a web filter: its headers are Netty's
 * (looked up without allocating, unlike those of Spring's mock request, which lower-case
 * each name on look-up), its remote address a resolved socket address. Built once and
 * reused; its path, cookies and query are parsed once, as for a real request.
 */
final class BenchmarkServerRequest extends AbstractServerHttpRequest {

	private final InetSocketAddress remoteAddress;

	private final MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();

	private BenchmarkServerRequest(String path, HttpHeaders headers, InetSocketAddress remoteAddress) {
		super(HttpMethod.GET, URI.create("http://www.example.com" + path), "", headers);
		this.remoteAddress = remoteAddress;
	}

	/**
	 * Create a {@code GET} request.
	 * @param path the path
	 * @param remoteAddress the client's address
	 * @param headers the headers, as name and value pairs
	 * @return the request
	 */
	static BenchmarkServerRequest get(String path, InetSocketAddress remoteAddress, String... headers) {
		DefaultHttpHeaders netty = new DefaultHttpHeaders();
		for (int i = 0; i < headers.length; i += 2) {
			netty.add(headers[i], headers[i + 1]);
		}
		return new BenchmarkServerRequest(path, new HttpHeaders(new Netty4HeadersAdapter(netty)), remoteAddress);
	}

	/**
	 * Add a cookie.
	 * @param name the name
	 * @param value the value
	 * @return this request
	 */
	BenchmarkServerRequest cookie(String name, String value) {
		this.cookies.add(name, new HttpCookie(name, value));
		return this;
	}

	@Override
	public InetSocketAddress getRemoteAddress() {
		return this.remoteAddress;
	}

	@Override
	protected MultiValueMap<String, HttpCookie> initCookies() {
		return this.cookies;
	}

	@Override
	protected @Nullable SslInfo initSslInfo() {
		return null;
	}

	@Override
	public Flux<DataBuffer> getBody() {
		return Flux.empty();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getNativeRequest() {
		return (T) this;
	}

}
