package io.github.maintenancemode.web;

import org.jspecify.annotations.Nullable;

/**
 * The small view of a request that access decisions see. It does not depend on the
 * servlet API, so the same rules can serve a reactive filter.
 */
public interface MaintenanceRequest {

	/**
	 * The HTTP method, such as {@code GET}.
	 * @return the method
	 */
	String method();

	/**
	 * The path as the application's handler mapping matches it: the raw request path
	 * after the context path and the dispatcher servlet's prefix, neither decoded nor
	 * normalized. It is {@code null} when the raw URI is not canonical (dot segments,
	 * {@code ;} parameters, encoded {@code .} {@code /} {@code \}, doubled slashes) or
	 * lies outside the dispatcher servlet: no rule may admit such a request by its path.
	 * @return the path, or {@code null}
	 */
	@Nullable String path();

	/**
	 * The client address as the server resolved it (forwarded headers are applied by the
	 * server, never read here).
	 * @return the remote address
	 */
	@Nullable String remoteAddress();

	/**
	 * The host the request was sent to, with the port when the client sent one.
	 * @return the host header value
	 */
	@Nullable String host();

	/**
	 * The {@code Accept} header.
	 * @return the accept header, or {@code null}
	 */
	@Nullable String accept();

	/**
	 * The value of a request header.
	 * @param name the header name
	 * @return the first value, or {@code null}
	 */
	@Nullable String header(String name);

	/**
	 * An attribute of the request's existing session (no session is created).
	 * @param name the attribute name
	 * @return the value, or {@code null} when there is no session or no such attribute
	 */
	@Nullable Object sessionAttribute(String name);

	/**
	 * When the request's existing session was created (no session is created).
	 * @return epoch milliseconds, or -1 when the request has no session
	 */
	long sessionCreationTime();

	/**
	 * Whether the request has a session that {@link #sessionAttribute} and
	 * {@link #sessionCreationTime} can read now. A session that is resolved later (by
	 * Spring Session, or by a reactive server, which never reads it while deciding) does
	 * not count.
	 * @return whether a session is at hand
	 */
	default boolean hasSession() {
		return sessionCreationTime() >= 0;
	}

	/**
	 * The name of the server's own session cookie, when it has one of its own.
	 * @return the cookie name, or {@code null}
	 */
	default @Nullable String sessionCookieName() {
		return null;
	}

	/**
	 * The raw query string, as the client sent it.
	 * @return the query, or {@code null} when the request has none
	 */
	default @Nullable String query() {
		return null;
	}

	/**
	 * The raw request path as the client sent it, context path included: where a redirect
	 * to the same resource goes.
	 * @return the raw path
	 */
	default String rawPath() {
		String path = path();
		return (path != null) ? path : "/";
	}

	/**
	 * The application's context path: {@code ""} at the root.
	 * @return the context path
	 */
	default String contextPath() {
		return "";
	}

	/**
	 * Whether the request came over HTTPS (as the server resolved it).
	 * @return whether it is secure
	 */
	default boolean secure() {
		return false;
	}

	/**
	 * The value of a cookie.
	 * @param name the cookie name
	 * @return the value, or {@code null} when the request has no such cookie
	 */
	@Nullable String cookie(String name);

}
