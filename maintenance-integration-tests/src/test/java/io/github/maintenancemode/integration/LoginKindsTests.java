package io.github.maintenancemode.integration;

import java.net.http.HttpResponse;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.maintenancemode.MaintenanceMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code maintenance.allow.roles} with every usual kind of login, over real HTTP: a user
 * with the role sees the application whatever the login, everyone else gets the
 * maintenance response, and the application's page counts only the admitted requests.
 */
@SpringBootTest(classes = LoginApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "maintenance.allow.roles=STAFF", "maintenance.allow.paths=/login",
				"spring.autoconfigure.exclude=" + LoginKindsTests.NO_DATABASE })
class LoginKindsTests {

	static final String NO_DATABASE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
			+ "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration";

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private LoginApplication.Page page;

	private Http http;

	@BeforeEach
	void switchOn() {
		this.http = new Http(this.port);
		this.maintenanceMode.enable("Upgrade");
		this.page.calls.set(0);
	}

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@Test
	void anonymousVisitorsAreRefusedBeforeTheApplication() {
		assertThat(this.http.get("/hello").statusCode()).isEqualTo(503);
		// a cookie that authenticates nobody is decided at once
		assertThat(this.http.get("/hello", "Cookie", "analytics=1").statusCode()).isEqualTo(503);
		// a session the container does not know goes through Spring Security first, which
		// answers for itself on a page that needs a login
		assertThat(this.http.get("/hello", "Cookie", "JSESSIONID=made-up").statusCode()).isIn(302, 401, 503);
		assertThat(this.page.calls).hasValue(0);
	}

	@Test
	void httpBasicUserWithTheRolePassesAndOthersDoNot() {
		assertThat(this.http.basic("/hello", "staff", "staff-password").statusCode()).isEqualTo(200);
		assertThat(this.http.basic("/hello", "visitor", "visitor-password").statusCode()).isEqualTo(503);
		assertThat(this.http.basic("/hello", "staff", "wrong").statusCode()).as("refused by Spring Security")
			.isEqualTo(401);
		assertThat(this.page.calls).hasValue(1);
	}

	@Test
	void bearerTokenWithTheRolePassesAndOthersDoNot() throws JOSEException {
		assertThat(this.http.get("/hello", "Authorization", "Bearer " + token("staff", "STAFF")).statusCode())
			.isEqualTo(200);
		assertThat(this.http.get("/hello", "Authorization", "Bearer " + token("visitor", "USER")).statusCode())
			.isEqualTo(503);
		assertThat(this.http.get("/hello", "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
		assertThat(this.page.calls).hasValue(1);
	}

	@Test
	void formLoginSessionWithTheRolePassesAndOthersDoNot() {
		String staff = Http.cookie(login("staff", "staff-password", false), "JSESSIONID");
		String visitor = Http.cookie(login("visitor", "visitor-password", false), "JSESSIONID");
		assertThat(this.http.get("/hello", "Cookie", staff).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/hello", "Cookie", visitor).statusCode()).isEqualTo(503);
		assertThat(this.page.calls).hasValue(1);
	}

	@Test
	void rememberMeCookieWithTheRolePassesAndOthersDoNot() {
		String staff = Http.cookie(login("staff", "staff-password", true), "remember-me");
		String visitor = Http.cookie(login("visitor", "visitor-password", true), "remember-me");
		// only the remember-me cookie: a new session is made from it
		assertThat(this.http.get("/hello", "Cookie", staff).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/hello", "Cookie", visitor).statusCode()).isEqualTo(503);
		assertThat(this.page.calls).hasValue(1);
	}

	private HttpResponse<String> login(String username, String password, boolean rememberMe) {
		HttpResponse<String> response = this.http.postForm("/login",
				rememberMe ? Map.of("username", username, "password", password, "remember-me", "on")
						: Map.of("username", username, "password", password));
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return response;
	}

	static String token(String subject, String role) throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("roles", List.of(role))
			.issueTime(java.util.Date.from(Instant.now()))
			.expirationTime(java.util.Date.from(Instant.now().plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		jwt.sign(new RSASSASigner((RSAPrivateKey) LoginApplication.TOKEN_KEYS.getPrivate()));
		return jwt.serialize();
	}

}
