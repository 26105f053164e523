package io.github.maintenancemode.web.reactive;

import java.net.InetSocketAddress;

import io.github.maintenancemode.web.MaintenanceRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.WebSession;

/**
 * {@link MaintenanceRequest} over a reactive request. A reactive server resolves the
 * session asynchronously, so a view is first made without it; when no rule admits a
 * request that carries the application's session cookie, the filter resolves the
 * {@link WebSession} and decides again on {@link #withSession a view with it} (the
 * session of a user signed in with Spring Security holds the security context under the
 * same key as a servlet session).
 */
final class ReactiveMaintenanceRequest implements MaintenanceRequest {

	private final ServerHttpRequest request;

	private final @Nullable String path;

	private final @Nullable String sessionCookieName;

	private final @Nullable WebSession session;

	private @Nullable String remoteAddress;

	private boolean remoteAddressRead;

	/**
	 * Create a view of the request.
	 * @param request the request
	 * @param path the path that the handler mapping matches, or {@code null} when the raw
	 * path is not canonical
	 * @param sessionCookieName the name of the application's session cookie, or
	 * {@code null}
	 */
	ReactiveMaintenanceRequest(ServerHttpRequest request, @Nullable String path, @Nullable String sessionCookieName) {
		this(request, path, sessionCookieName, null);
	}

	private ReactiveMaintenanceRequest(ServerHttpRequest request, @Nullable String path,
			@Nullable String sessionCookieName, @Nullable WebSession session) {
		this.request = request;
		this.path = path;
		this.sessionCookieName = sessionCookieName;
		this.session = session;
	}

	/**
	 * Whether the request carries the application's session cookie, and its session is
	 * still to be resolved.
	 * @return whether deciding again with the session could change the decision
	 */
	boolean mayHaveSession() {
		return this.session == null && this.sessionCookieName != null && cookie(this.sessionCookieName) != null;
	}

	/**
	 * The same view with the request's resolved session.
	 * @param session the session
	 * @return the view
	 */
	ReactiveMaintenanceRequest withSession(WebSession session) {
		ReactiveMaintenanceRequest withSession = new ReactiveMaintenanceRequest(this.request, this.path,
				this.sessionCookieName, session);
		// the second decision reads the address already formatted for the first
		withSession.remoteAddress = this.remoteAddress;
		withSession.remoteAddressRead = this.remoteAddressRead;
		return withSession;
	}

	@Override
	public String method() {
		return this.request.getMethod().name();
	}

	@Override
	public @Nullable String path() {
		return this.path;
	}

	/**
	 * The client's address, formatted on first use: a reactive request holds it as an
	 * {@link InetSocketAddress}, and the rules may ask more than once.
	 */
	@Override
	public @Nullable String remoteAddress() {
		if (!this.remoteAddressRead) {
			InetSocketAddress address = this.request.getRemoteAddress();
			if (address != null) {
				this.remoteAddress = (address.getAddress() != null) ? address.getAddress().getHostAddress()
						: address.getHostString();
			}
			this.remoteAddressRead = true;
		}
		return this.remoteAddress;
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
		WebSession session = startedSession();
		return (session != null) ? session.getAttribute(name) : null;
	}

	@Override
	public long sessionCreationTime() {
		WebSession session = startedSession();
		return (session != null) ? session.getCreationTime().toEpochMilli() : -1;
	}

	@Override
	public boolean hasSession() {
		return startedSession() != null;
	}

	private @Nullable WebSession startedSession() {
		// a session the request did not bring is new, and not started
		WebSession session = this.session;
		return (session != null && session.isStarted()) ? session : null;
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
