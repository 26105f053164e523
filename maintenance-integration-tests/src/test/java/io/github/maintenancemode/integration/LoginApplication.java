package io.github.maintenancemode.integration;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with every usual kind of login: a login form with its session and
 * remember-me, HTTP Basic, and bearer tokens (a JWT resource server, with a key made for
 * the tests). Its one page counts the requests that reach it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class LoginApplication {

	/**
	 * The key the tests sign their tokens with.
	 */
	static final KeyPair TOKEN_KEYS = generateKeys();

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, UserDetailsService users) throws Exception {
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName("roles");
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
		tokens.setJwtGrantedAuthoritiesConverter(roles);
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.rememberMe((rememberMe) -> rememberMe.key("remember-me-key-for-the-tests").userDetailsService(users))
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(tokens)))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	JwtDecoder jwtDecoder() {
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) TOKEN_KEYS.getPublic()).build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("staff").password("{noop}staff-password").roles("STAFF").build(),
				User.withUsername("visitor").password("{noop}visitor-password").roles("USER").build());
	}

	private static KeyPair generateKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The application's page: every request that reaches it is counted.
	 */
	@RestController
	static class Page {

		final AtomicInteger calls = new AtomicInteger();

		@GetMapping("/hello")
		String hello() {
			this.calls.incrementAndGet();
			return "hello";
		}

	}

}
