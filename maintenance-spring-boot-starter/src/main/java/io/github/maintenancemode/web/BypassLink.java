package io.github.maintenancemode.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Answers a safe request that carries {@code ?maintenance-bypass=SECRET} with the right
 * secret: it sets the bypass cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) and
 * answers 303 to the same URL without the parameter. A wrong secret, or the parameter on
 * a write, is ignored: the request is decided like any other. The redirect always stays
 * on the same site: a path that starts with several slashes ({@code //evil.example/}) is
 * redirected to its single-slash form, never to another host.
 */
final class BypassLink {

	private static final String PARAMETER = BypassCookieAccessRule.NAME + "=";

	private final BypassCookieAccessRule rule;

	BypassLink(BypassCookieAccessRule rule) {
		this.rule = rule;
	}

	/**
	 * Handle the request if it is a bypass link with the right secret.
	 * @param request the request
	 * @param response the response
	 * @return whether the response was written
	 */
	boolean handle(HttpServletRequest request, HttpServletResponse response) {
		String query = request.getQueryString();
		if (query == null || !query.contains(PARAMETER) || !isSafe(request.getMethod())) {
			return false;
		}
		String secret = null;
		StringJoiner rest = new StringJoiner("&");
		for (String pair : query.split("&")) {
			if (pair.startsWith(PARAMETER)) {
				secret = decode(pair.substring(PARAMETER.length()));
			}
			else if (!pair.isEmpty()) {
				rest.add(pair);
			}
		}
		if (secret == null || !this.rule.isSecret(secret)) {
			return false;
		}
		String contextPath = request.getContextPath();
		ResponseCookie cookie = ResponseCookie.from(BypassCookieAccessRule.NAME, this.rule.issueCookieValue())
			.path(contextPath.isEmpty() ? "/" : contextPath)
			.maxAge(this.rule.getMaxAge())
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setStatus(HttpServletResponse.SC_SEE_OTHER);
		String remaining = rest.toString();
		response.setHeader(HttpHeaders.LOCATION,
				sameSitePath(request.getRequestURI()) + (remaining.isEmpty() ? "" : "?" + remaining));
		return true;
	}

	/**
	 * Return the path with its leading slashes (and backslashes, which browsers read as
	 * slashes) collapsed into one: {@code //host/x} in a {@code Location} header is a
	 * reference to another host.
	 */
	private static String sameSitePath(String requestUri) {
		int start = 0;
		while (start < requestUri.length() && (requestUri.charAt(start) == '/' || requestUri.charAt(start) == '\\')) {
			start++;
		}
		return (start == 1) ? requestUri : "/" + requestUri.substring(start);
	}

	private static boolean isSafe(String method) {
		return "GET".equals(method) || "HEAD".equals(method);
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

}
