package io.github.maintenancemode.web.reactive;

import java.net.InetSocketAddress;

import io.github.maintenancemode.web.MaintenanceRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * {@link MaintenanceRequest} over a reactive request. The session is never read while
 * deciding, since a reactive server resolves it asynchronously: a request that only the
 * session's user could admit is handed to {@link MaintenanceRoleWebFilter}, which reads
 * the user from Spring Security's reactive context.
 */
final class ReactiveMaintenanceRequest implements MaintenanceRequest {

	private final ServerHttpRequest request;

	private final @Nullable String path;

	private final @Nullable String sessionCookieName;

	/**
	 * Create a view of the request.
	 * @param request the request
	 * @param path the path that the handler mapping matches, or {@code null} when the raw
	 * path is not canonical
	 * @param sessionCookieName the name of the application's session cookie, or
	 * {@code null}
	 */
	ReactiveMaintenanceRequest(ServerHttpRequest request, @Nullable String path, @Nullable String sessionCookieName) {
		this.request = request;
		this.path = path;
		this.sessionCookieName = sessionCookieName;
	}

	@Override
	public String method() {
		return this.request.getMethod().name();
	}

	@Override
	public @Nullable String path() {
		return this.path;
	}

	@Override
	public @Nullable String remoteAddress() {
		InetSocketAddress address = this.request.getRemoteAddress();
		if (address == null) {
			return null;
		}
		return (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
	}

	@Override
	public @Nullable String host() {
		return this.request.getHeaders().getFirst(HttpHeaders.HOST);
	}

	@Override
	public @Nullable String accept() {
		return this.request.getHeaders().getFirst(HttpHeaders.ACCEPT);
	}

	@Override
	public @Nullable String header(String name) {
		return this.request.getHeaders().getFirst(name);
	}

	@Override
	public @Nullable Object sessionAttribute(String name) {
		return null;
	}

	@Override
	public long sessionCreationTime() {
		return -1;
	}

	@Override
	public boolean hasSession() {
		return false;
	}

	@Override
	public @Nullable String sessionCookieName() {
		return this.sessionCookieName;
	}

	@Override
	public @Nullable String query() {
		return this.request.getURI().getRawQuery();
	}

	@Override
	public String rawPath() {
		return this.request.getPath().value();
	}

	@Override
	public String contextPath() {
		return this.request.getPath().contextPath().value();
	}

	@Override
	public boolean secure() {
		return "https".equalsIgnoreCase(this.request.getURI().getScheme()) || this.request.getSslInfo() != null;
	}

	@Override
	public @Nullable String cookie(String name) {
		HttpCookie cookie = this.request.getCookies().getFirst(name);
		return (cookie != null) ? cookie.getValue() : null;
	}

}
