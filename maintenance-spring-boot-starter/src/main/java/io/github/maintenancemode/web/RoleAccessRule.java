package io.github.maintenancemode.web;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Lets through users signed in with Spring Security who hold one of the configured roles.
 * The maintenance filter runs before Spring Security, so the rule reads the security
 * context that Spring Security keeps in the HTTP session; it never creates a session.
 * Every other kind of login (HTTP Basic, bearer tokens, remember-me, a session that
 * Spring Session resolves later) is decided again once Spring Security has authenticated
 * the request, by {@link io.github.maintenancemode.web.servlet.MaintenanceRoleFilter}.
 */
public class RoleAccessRule implements MaintenanceAccessRule, Ordered {

	/**
	 * The order of this rule.
	 */
	public static final int ORDER = 500;

	/**
	 * Spring Security's remember-me cookie, under its default name.
	 */
	static final String REMEMBER_ME_COOKIE = "remember-me";

	/**
	 * The servlet containers' session cookie, under its default name.
	 */
	static final String CONTAINER_SESSION_COOKIE = "JSESSIONID";

	/**
	 * Spring Session's cookie (and WebFlux's), under its default name.
	 */
	static final String SPRING_SESSION_COOKIE = "SESSION";

	private final Set<String> authorities;

	/**
	 * Create the rule.
	 * @param roles role names, with or without the {@code ROLE_} prefix
	 */
	public RoleAccessRule(List<String> roles) {
		this.authorities = roles.stream()
			.map(String::strip)
			.filter((role) -> !role.isEmpty())
			.map((role) -> role.startsWith("ROLE_") ? role : "ROLE_" + role)
			.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean admits(MaintenanceRequest request, MaintenanceState state) {
		if (this.authorities.isEmpty()) {
			return false;
		}
		// a maintenance filter ordered after Spring Security's sees the user
		// it authenticated
		if (grants(SecurityContextHolder.getContext().getAuthentication())) {
			return true;
		}
		Object context = request.sessionAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		if (!(context instanceof SecurityContext securityContext)) {
			return false;
		}
		return grants(securityContext.getAuthentication());
	}

	/**
	 * Return whether roles are configured at all.
	 * @return whether some role may pass
	 */
	public boolean hasRoles() {
		return !this.authorities.isEmpty();
	}

	/**
	 * Return whether a request that no rule admits may still be admitted by the role of
	 * its user: roles are configured and it carries credentials that only Spring Security
	 * can read. Those are an {@code Authorization} header (HTTP Basic, a bearer token),
	 * Spring Security's {@code remember-me} cookie, or a session cookie whose session is
	 * not at hand (one that Spring Session, or a reactive server, resolves later). A
	 * session at hand was already looked at by {@link #admits}, and other cookies
	 * (consent, analytics) authenticate nobody: such requests are decided at once.
	 * @param request the request
	 * @return whether to let Spring Security authenticate it first
	 */
	public boolean mayAdmitLater(MaintenanceRequest request) {
		if (this.authorities.isEmpty()) {
			return false;
		}
		if (request.header("Authorization") != null || request.cookie(REMEMBER_ME_COOKIE) != null) {
			return true;
		}
		String serverSessionCookie = request.sessionCookieName();
		boolean sessionCookie = (serverSessionCookie != null && request.cookie(serverSessionCookie) != null)
				|| request.cookie(CONTAINER_SESSION_COOKIE) != null || request.cookie(SPRING_SESSION_COOKIE) != null;
		return sessionCookie && !request.hasSession();
	}

	/**
	 * Return whether an authentication holds one of the configured roles.
	 * @param authentication the authentication, or {@code null} for none
	 * @return whether it may pass
	 */
	public boolean grants(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return false;
		}
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (this.authorities.contains(authority.getAuthority())) {
				return true;
			}
		}
		return false;
	}

}
