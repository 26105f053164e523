package io.github.maintenancemode.web.reactive;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.DeferredDecision;
import io.github.maintenancemode.web.MaintenanceDecider;
import io.github.maintenancemode.web.MaintenanceRequest;
import io.github.maintenancemode.web.RoleAccessRule;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Decides again, once Spring Security has authenticated it, a request that only a role of
 * {@code maintenance.allow.roles} could admit: the reactive counterpart of the servlet
 * role filter. It runs right after Spring Security's {@code WebFilterChainProxy} and
 * reads the user from Spring Security's reactive context, whatever the login (form and
 * session, HTTP Basic, a bearer token). A user who holds one of the roles passes;
 * everyone else gets the maintenance response. When Spring Security itself refuses the
 * request, its own answer stands.
 */
public class MaintenanceRoleWebFilter implements WebFilter, DeferredDecision, Ordered {

	private final MaintenanceMode maintenanceMode;

	private final RoleAccessRule roles;

	private final MaintenanceDecider decider;

	private final ReactiveMaintenanceResponseWriter responseWriter;

	private final int order;

	/**
	 * Create the filter.
	 * @param maintenanceMode the switch
	 * @param roles the roles that may pass
	 * @param decider chooses the representation of a refusal
	 * @param responseWriter writes the maintenance response
	 * @param order the order of the filter: right after Spring Security's
	 */
	public MaintenanceRoleWebFilter(MaintenanceMode maintenanceMode, RoleAccessRule roles, MaintenanceDecider decider,
			ReactiveMaintenanceResponseWriter responseWriter, int order) {
		this.maintenanceMode = maintenanceMode;
		this.roles = roles;
		this.decider = decider;
		this.responseWriter = responseWriter;
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public boolean mayAdmitLater(MaintenanceRequest request) {
		return this.roles.mayAdmitLater(request);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Object deferred = exchange.getAttributes().remove(ATTRIBUTE);
		if (!(deferred instanceof MaintenanceRequest view)) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(this.roles::grants)
			.hasElement()
			.flatMap((granted) -> {
				MaintenanceState state = this.maintenanceMode.status();
				if (state.enabled() && !granted) {
					return this.responseWriter.write(this.decider.kindFor(view), exchange, state);
				}
				return chain.filter(exchange);
			});
	}

}
