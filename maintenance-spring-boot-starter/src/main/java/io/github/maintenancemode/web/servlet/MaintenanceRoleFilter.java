package io.github.maintenancemode.web.servlet;

import java.io.IOException;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.DeferredDecision;
import io.github.maintenancemode.web.MaintenanceDecider;
import io.github.maintenancemode.web.MaintenanceRequest;
import io.github.maintenancemode.web.RoleAccessRule;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Decides again, once Spring Security has authenticated it, a request that only a role of
 * {@code maintenance.allow.roles} could admit: it runs right after Spring Security's
 * filter chain, before any filter or handler of the application. The
 * {@link MaintenanceFilter} refuses at once every request that carries no credentials
 * only Spring Security can read ({@link RoleAccessRule#mayAdmitLater}); one that does is
 * handed to Spring Security, and reaches this filter only if Spring Security lets it
 * through (when Spring Security refuses it, its own answer stands: a 401, a 403 or a
 * redirect to the login page). Then a user who holds one of the roles passes, whatever
 * the login (form and session, HTTP Basic, a bearer token, remember-me, Spring Session),
 * and everyone else gets the maintenance response.
 */
public class MaintenanceRoleFilter implements Filter, DeferredDecision {

	private final MaintenanceMode maintenanceMode;

	private final RoleAccessRule roles;

	private final MaintenanceDecider decider;

	private final MaintenanceResponseWriter responseWriter;

	/**
	 * Create the filter.
	 * @param maintenanceMode the switch
	 * @param roles the roles that may pass
	 * @param decider chooses the representation of a refusal
	 * @param responseWriter writes the maintenance response
	 */
	public MaintenanceRoleFilter(MaintenanceMode maintenanceMode, RoleAccessRule roles, MaintenanceDecider decider,
			MaintenanceResponseWriter responseWriter) {
		this.maintenanceMode = maintenanceMode;
		this.roles = roles;
		this.decider = decider;
		this.responseWriter = responseWriter;
	}

	@Override
	public boolean mayAdmitLater(MaintenanceRequest request) {
		return this.roles.mayAdmitLater(request);
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
			this.responseWriter.write(this.decider.kindFor(view), httpRequest, state, httpResponse);
			return;
		}
		chain.doFilter(request, response);
	}

}
