package io.github.maintenancemode.web;

import java.io.IOException;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Decides again, once Spring Security has authenticated it, a request that only a role of
 * {@code maintenance.allow.roles} could admit: it runs right after Spring Security's
 * filter chain, before any filter or handler of the application. The
 * {@link MaintenanceFilter} refuses at once every request that carries no credentials
 * only Spring Security can read ({@link #mayAdmitLater}); one that does is handed to
 * Spring Security, and reaches this filter only if Spring Security lets it through (when
 * Spring Security refuses it, its own answer stands: a 401, a 403 or a redirect to the
 * login page). Then a user who holds one of the roles passes, whatever the login (form
 * and session, HTTP Basic, a bearer token, remember-me, Spring Session), and everyone
 * else gets the maintenance response.
 */
public class MaintenanceRoleFilter implements Filter, DeferredDecision {

	/**
	 * Spring Security's remember-me cookie, under its default name.
	 */
	static final String REMEMBER_ME_COOKIE = "remember-me";

	/**
	 * The servlet containers' session cookie, under its default name.
	 */
	static final String CONTAINER_SESSION_COOKIE = "JSESSIONID";

	/**
	 * Spring Session's cookie, under its default name.
	 */
	static final String SPRING_SESSION_COOKIE = "SESSION";

	private final MaintenanceMode maintenanceMode;

	private final RoleAccessRule roles;

	private final MaintenanceResponseWriter responseWriter;

	/**
	 * Create the filter.
	 * @param maintenanceMode the switch
	 * @param roles the roles that may pass
	 * @param responseWriter writes the maintenance response
	 */
	public MaintenanceRoleFilter(MaintenanceMode maintenanceMode, RoleAccessRule roles,
			MaintenanceResponseWriter responseWriter) {
		this.maintenanceMode = maintenanceMode;
		this.roles = roles;
		this.responseWriter = responseWriter;
	}

	/**
	 * Return whether a refused request may still be admitted by the role of its user:
	 * roles are configured and it carries credentials that only Spring Security can read.
	 * Those are an {@code Authorization} header (HTTP Basic, a bearer token), Spring
	 * Security's {@code remember-me} cookie, or a session cookie for which the container
	 * holds no session (a session that Spring Session resolves later). A container
	 * session was already looked at by {@link RoleAccessRule}, and other cookies
	 * (consent, analytics) authenticate nobody: such requests are decided at once.
	 * @param request the request
	 * @return whether to let Spring Security authenticate it first
	 */
	@Override
	public boolean mayAdmitLater(HttpServletRequest request) {
		if (!this.roles.hasRoles()) {
			return false;
		}
		if (request.getHeader("Authorization") != null) {
			return true;
		}
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return false;
		}
		String containerSessionCookie = request.getServletContext().getSessionCookieConfig().getName();
		for (Cookie cookie : cookies) {
			String name = cookie.getName();
			if (REMEMBER_ME_COOKIE.equals(name)) {
				return true;
			}
			boolean sessionCookie = name.equals(containerSessionCookie) || CONTAINER_SESSION_COOKIE.equals(name)
					|| SPRING_SESSION_COOKIE.equals(name);
			if (sessionCookie && request.getSession(false) == null) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		Object deferred = request.getAttribute(ATTRIBUTE);
		if (!(deferred instanceof MaintenanceRequest view) || !(request instanceof HttpServletRequest httpRequest)
				|| !(response instanceof HttpServletResponse httpResponse)) {
			chain.doFilter(request, response);
			return;
		}
		request.removeAttribute(ATTRIBUTE);
		MaintenanceState state = this.maintenanceMode.status();
		if (state.enabled() && !this.roles.grants(SecurityContextHolder.getContext().getAuthentication())) {
			this.responseWriter.write(this.responseWriter.kindFor(view), httpRequest, state, httpResponse);
			return;
		}
		chain.doFilter(request, response);
	}

}
