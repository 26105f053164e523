package io.github.maintenancemode.web.servlet;

import io.github.maintenancemode.web.MaintenanceRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * {@link MaintenanceRequest} over a servlet request.
 */
final class ServletMaintenanceRequest implements MaintenanceRequest {

	private final HttpServletRequest request;

	private final @Nullable String path;

	/**
	 * Create a view of the request.
	 * @param request the request
	 * @param path the path that the handler mapping matches, or {@code null} when the raw
	 * URI is not canonical or is outside the dispatcher servlet
	 */
	ServletMaintenanceRequest(HttpServletRequest request, @Nullable String path) {
		this.request = request;
		this.path = path;
	}

	@Override
	public String method() {
		return this.request.getMethod();
	}

	@Override
	public @Nullable String path() {
		return this.path;
	}

	@Override
	public @Nullable String remoteAddress() {
		return this.request.getRemoteAddr();
	}

	@Override
	public @Nullable String host() {
		return this.request.getHeader(HttpHeaders.HOST);
	}

	@Override
	public @Nullable String accept() {
		return this.request.getHeader(HttpHeaders.ACCEPT);
	}

	@Override
	public @Nullable String header(String name) {
		return this.request.getHeader(name);
	}

	@Override
	public @Nullable Object sessionAttribute(String name) {
		HttpSession session = this.request.getSession(false);
		return (session != null) ? session.getAttribute(name) : null;
	}

	@Override
	public long sessionCreationTime() {
		HttpSession session = this.request.getSession(false);
		return (session != null) ? session.getCreationTime() : -1;
	}

	@Override
	public boolean hasSession() {
		return this.request.getSession(false) != null;
	}

	@Override
	public @Nullable String sessionCookieName() {
		return this.request.getServletContext().getSessionCookieConfig().getName();
	}

	@Override
	public @Nullable String query() {
		return this.request.getQueryString();
	}

	@Override
	public String rawPath() {
		return this.request.getRequestURI();
	}

	@Override
	public String contextPath() {
		return this.request.getContextPath();
	}

	@Override
	public boolean secure() {
		return this.request.isSecure();
	}

	@Override
	public @Nullable String cookie(String name) {
		Cookie[] cookies = this.request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (name.equals(cookie.getName())) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

}
