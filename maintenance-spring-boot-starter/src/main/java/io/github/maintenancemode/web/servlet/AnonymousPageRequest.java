package io.github.maintenancemode.web.servlet;

import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * The refused request as the cached maintenance page may see it: its application's
 * context path and servlet prefix, a locale, and nothing of its visitor (no session,
 * cookies, user, parameters, headers, attributes or path), so that no visitor's data can
 * end up in a page served to every other.
 */
final class AnonymousPageRequest extends HttpServletRequestWrapper {

	private final Locale locale;

	private final String servletPath;

	private final Map<String, Object> attributes = new HashMap<>();

	AnonymousPageRequest(HttpServletRequest request, Locale locale, String dispatcherServletPrefix) {
		super(request);
		this.locale = locale;
		this.servletPath = dispatcherServletPrefix;
	}

	@Override
	public String getMethod() {
		return "GET";
	}

	@Override
	public String getRequestURI() {
		return getContextPath() + this.servletPath + "/";
	}

	@Override
	public StringBuffer getRequestURL() {
		StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
		int port = getServerPort();
		if (port > 0 && !(port == 80 && "http".equals(getScheme())) && !(port == 443 && "https".equals(getScheme()))) {
			url.append(':').append(port);
		}
		return url.append(getRequestURI());
	}

	@Override
	public String getServletPath() {
		return this.servletPath.isEmpty() ? "/" : this.servletPath;
	}

	@Override
	public @Nullable String getPathInfo() {
		return this.servletPath.isEmpty() ? null : "/";
	}

	@Override
	public @Nullable String getQueryString() {
		return null;
	}

	@Override
	public @Nullable String getParameter(String name) {
		return null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return Map.of();
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.emptyEnumeration();
	}

	@Override
	public String @Nullable [] getParameterValues(String name) {
		return null;
	}

	@Override
	public @Nullable String getHeader(String name) {
		return null;
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return Collections.emptyEnumeration();
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		return Collections.emptyEnumeration();
	}

	@Override
	public long getDateHeader(String name) {
		return -1;
	}

	@Override
	public int getIntHeader(String name) {
		return -1;
	}

	@Override
	public Cookie @Nullable [] getCookies() {
		return null;
	}

	@Override
	public @Nullable HttpSession getSession(boolean create) {
		return null;
	}

	@Override
	public @Nullable HttpSession getSession() {
		return null;
	}

	@Override
	public @Nullable String getRequestedSessionId() {
		return null;
	}

	@Override
	public boolean isRequestedSessionIdValid() {
		return false;
	}

	@Override
	public @Nullable Principal getUserPrincipal() {
		return null;
	}

	@Override
	public @Nullable String getRemoteUser() {
		return null;
	}

	@Override
	public boolean isUserInRole(String role) {
		return false;
	}

	@Override
	public @Nullable String getAuthType() {
		return null;
	}

	@Override
	public Locale getLocale() {
		return this.locale;
	}

	@Override
	public Enumeration<Locale> getLocales() {
		return Collections.enumeration(List.of(this.locale));
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		return this.attributes.get(name);
	}

	@Override
	public Enumeration<String> getAttributeNames() {
		return Collections.enumeration(this.attributes.keySet());
	}

	@Override
	public void setAttribute(String name, @Nullable Object value) {
		if (value == null) {
			this.attributes.remove(name);
		}
		else {
			this.attributes.put(name, value);
		}
	}

	@Override
	public void removeAttribute(String name) {
		this.attributes.remove(name);
	}

}
