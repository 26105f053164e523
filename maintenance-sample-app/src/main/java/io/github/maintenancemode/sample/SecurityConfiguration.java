package io.github.maintenancemode.sample;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two users: the operator of {@code spring.security.user.*}, who calls the actuator with
 * HTTP Basic (its health probes stay open) and alone holds the {@value #OPERATOR_ROLE}
 * role that the actuator needs, and a staff member ({@code sample.staff.*}) who signs in
 * with the login form and keeps seeing the real site during maintenance
 * ({@code maintenance.allow.roles: STAFF}) but cannot switch it. The application's pages
 * and API are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * The role that the actuator needs (besides its health probes).
	 */
	static final String OPERATOR_ROLE = "ACTUATOR";

	@Bean
	@Order(1)
	SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/**");
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.anyRequest()
			.hasRole(OPERATOR_ROLE));
		http.httpBasic(Customizer.withDefaults());
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		// JSON only: a browser form cannot send application/json without a CORS preflight
		http.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		http.formLogin(Customizer.withDefaults());
		http.csrf((csrf) -> csrf.ignoringRequestMatchers("/api/**"));
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager users(SecurityProperties properties,
			@Value("${sample.staff.name:staff}") String staffName,
			@Value("${sample.staff.password:staff-password}") String staffPassword) {
		SecurityProperties.User operator = properties.getUser();
		UserDetails admin = User.withUsername(operator.getName())
			.password(encoded(operator.getPassword()))
			.roles(operator.getRoles().toArray(String[]::new))
			.build();
		UserDetails staff = User.withUsername(staffName).password(encoded(staffPassword)).roles("STAFF").build();
		return new InMemoryUserDetailsManager(List.of(admin, staff));
	}

	private static String encoded(String password) {
		return password.startsWith("{") ? password : "{noop}" + password;
	}

}
