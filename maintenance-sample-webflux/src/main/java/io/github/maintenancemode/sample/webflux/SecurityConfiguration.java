package io.github.maintenancemode.sample.webflux;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The servlet sample's two users on Spring Security for WebFlux: the operator of
 * {@code spring.security.user.*}, who calls the actuator with HTTP Basic (its health
 * probes stay open) and alone holds the {@value #OPERATOR_ROLE} role that the actuator
 * needs, and a staff member ({@code sample.staff.*}) who signs in with the login form and
 * keeps seeing the real site during maintenance ({@code maintenance.allow.roles: STAFF})
 * but cannot switch it. The application's pages and API are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * The role that the actuator needs (besides its health probes).
	 */
	static final String OPERATOR_ROLE = "ACTUATOR";

	@Bean
	@Order(1)
	SecurityWebFilterChain actuatorSecurity(ServerHttpSecurity http) {
		http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/actuator/**"));
		http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.anyExchange()
			.hasRole(OPERATOR_ROLE));
		http.httpBasic(Customizer.withDefaults());
		// JSON only: a browser form cannot send application/json without a CORS preflight
		http.csrf(ServerHttpSecurity.CsrfSpec::disable);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityWebFilterChain applicationSecurity(ServerHttpSecurity http) {
		http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll());
		http.formLogin(Customizer.withDefaults());
		http.csrf((csrf) -> csrf
			.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
					new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**")))));
		return http.build();
	}

	@Bean
	MapReactiveUserDetailsService users(SecurityProperties properties,
			@Value("${sample.staff.name:staff}") String staffName,
			@Value("${sample.staff.password:staff-password}") String staffPassword) {
		SecurityProperties.User operator = properties.getUser();
		List<UserDetails> users = new ArrayList<>();
		users.add(User.withUsername(operator.getName())
			.password(encoded(operator.getPassword()))
			.roles(operator.getRoles().toArray(String[]::new))
			.build());
		users.add(User.withUsername(staffName).password(encoded(staffPassword)).roles("STAFF").build());
		return new MapReactiveUserDetailsService(users);
	}

	private static String encoded(String password) {
		return password.startsWith("{") ? password : "{noop}" + password;
	}

}
