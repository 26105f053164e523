package io.github.maintenancemode.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Recognizes a safe request that carries {@code ?maintenance-bypass=SECRET} with the
 * right secret: it is answered with the bypass cookie (HttpOnly, SameSite=Lax, Secure
 * over HTTPS) and a 303 to the same URL without the parameter. A wrong secret, or the
 * parameter on a write, is ignored: the request is decided like any other. The redirect
 * always stays on the same site: a path that starts with several slashes
 * ({@code //evil.example/}) is redirected to its single-slash form, never to another
 * host.
 */
final class BypassLink {

	private static final String PARAMETER = BypassCookieAccessRule.NAME + "=";

	private final BypassCookieAccessRule rule;

	BypassLink(BypassCookieAccessRule rule) {
		this.rule = rule;
	}

	/**
	 * Return the redirect that answers the request, if it is a bypass link with the right
	 * secret.
	 * @param request the request
	 * @return the redirect, or {@code null} when the request is no such link
	 */
	MaintenanceDecision.@Nullable BypassRedirect redirectFor(MaintenanceRequest request) {
		String query = request.query();
		if (query == null || !query.contains(PARAMETER) || !MaintenanceDecider.isSafe(request.method())) {
			return null;
		}
		UriComponentsBuilder location = UriComponentsBuilder.fromPath(sameSitePath(request.rawPath())).query(query);
		MultiValueMap<String, String> parameters = location.build().getQueryParams();
		List<String> secrets = parameters.get(BypassCookieAccessRule.NAME);
		// the last one counts, as for a parameter that a form sends twice
		String secret = (secrets != null && !secrets.isEmpty()) ? secrets.get(secrets.size() - 1) : null;
		if (secret == null || !this.rule.isSecret(decode(secret))) {
			return null;
		}
		String contextPath = request.contextPath();
		ResponseCookie cookie = ResponseCookie.from(BypassCookieAccessRule.NAME, this.rule.issueCookieValue())
			.path(contextPath.isEmpty() ? "/" : contextPath)
			.maxAge(this.rule.getMaxAge())
			.httpOnly(true)
			.secure(request.secure())
			.sameSite("Lax")
			.build();
		return new MaintenanceDecision.BypassRedirect(
				location.replaceQueryParam(BypassCookieAccessRule.NAME).build().toUriString(), cookie);
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

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

}
