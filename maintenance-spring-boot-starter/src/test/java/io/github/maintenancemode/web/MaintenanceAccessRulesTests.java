package io.github.maintenancemode.web;

import java.time.Duration;
import java.util.List;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MutableClock;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MockMvc tests of who may pass during maintenance: addresses, hosts, the bypass cookie,
 * roles and read-only writes.
 */
@SpringBootTest(classes = FilterTestApplication.class,
		properties = { "maintenance.allow.ip-addresses=10.0.0.1,192.168.0.0/16,2001:db8::/32",
				"maintenance.allow.hosts=staff.example.com,admin.example.com:8443",
				"maintenance.bypass.secret=0123456789abcdef-secret", "maintenance.bypass.cookie-max-age=1h",
				"maintenance.allow.roles=STAFF" })
@AutoConfigureMockMvc
class MaintenanceAccessRulesTests {

	private static final String SECRET = "0123456789abcdef-secret";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private MutableClock clock;

	@Autowired
	private AllowInReadOnlyAccessRule allowInReadOnly;

	@BeforeEach
	void switchOn() {
		this.maintenanceMode.enable("Upgrade");
	}

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
		this.clock.set(FilterTestApplication.NOW);
	}

	@Test
	void allowedAddressesSeeTheRealSite() {
		assertThat(get("/hello", "10.0.0.1")).hasStatusOk();
		assertThat(get("/hello", "192.168.255.255")).hasStatusOk();
		assertThat(get("/hello", "2001:db8:0:0:0:0:0:7")).hasStatusOk();
		assertThat(get("/hello", "10.0.0.15")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(get("/hello", "192.169.0.0")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void spoofedForwardedHeadersDoNotAdmit() {
		assertThat(this.mvc.get().uri("/hello").with((request) -> {
			request.setRemoteAddr("203.0.113.7");
			request.addHeader("X-Forwarded-For", "10.0.0.1");
			request.addHeader("Forwarded", "for=10.0.0.1");
			return request;
		})).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void staffHostsSeeTheRealSite() {
		assertThat(host("staff.example.com")).hasStatusOk();
		assertThat(host("STAFF.Example.COM:8080")).hasStatusOk();
		assertThat(host("admin.example.com:8443")).hasStatusOk();
		assertThat(host("admin.example.com")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(host("staff.example.com.")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(host("staff.example.com.evil.org")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(host("www.example.com")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void bypassLinkSetsASignedCookieAndRedirectsWithoutTheSecret() {
		MvcTestResult link = this.mvc.get().uri("/hello?page=2&maintenance-bypass=" + SECRET + "&sort=asc").exchange();
		assertThat(link).hasStatus(HttpStatus.SEE_OTHER)
			.hasHeader("Location", "/hello?page=2&sort=asc")
			.hasHeader("Cache-Control", "no-store");
		String setCookie = link.getResponse().getHeader("Set-Cookie");
		assertThat(setCookie).startsWith("maintenance-bypass=")
			.contains("HttpOnly", "SameSite=Lax", "Max-Age=3600", "Path=/")
			.doesNotContain("Secure")
			.doesNotContain(SECRET);
		Cookie cookie = link.getResponse().getCookie("maintenance-bypass");
		assertThat(this.mvc.get().uri("/hello").cookie(cookie)).hasStatusOk().hasBodyTextEqualTo("hello");
	}

	@Test
	void bypassCookieIsSecureOverHttps() {
		MvcTestResult link = this.mvc.get().uri("https://example.com/hello?maintenance-bypass=" + SECRET).exchange();
		assertThat(link.getResponse().getHeader("Set-Cookie")).contains("Secure");
	}

	@Test
	void wrongSecretGetsThePage() {
		MvcTestResult result = this.mvc.get()
			.uri("/hello?maintenance-bypass=" + SECRET + "x")
			.accept(MediaType.TEXT_HTML)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
	}

	@Test
	void secretInTheQueryOfAWriteIsIgnored() {
		MvcTestResult result = this.mvc.post().uri("/hello?maintenance-bypass=" + SECRET).exchange();
		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
	}

	@Test
	void expiredCookieIsRefused() {
		Cookie cookie = this.mvc.get()
			.uri("/hello?maintenance-bypass=" + SECRET)
			.exchange()
			.getResponse()
			.getCookie("maintenance-bypass");
		this.clock.set(FilterTestApplication.NOW.plus(Duration.ofMinutes(61)));
		assertThat(this.mvc.get().uri("/hello").cookie(cookie)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "9999999999.AAAA", "9999999999", "abc.def", "", ".", "99999999999999999999.x",
			"9999999999.!!!" })
	void forgedCookiesAreRefused(String value) {
		assertThat(this.mvc.get().uri("/hello").cookie(new Cookie("maintenance-bypass", value)))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void cookieSignedWithAnotherSecretIsRefused() {
		BypassCookieAccessRule other = new BypassCookieAccessRule("another-secret-of-16-chars", Duration.ofHours(1),
				this.clock);
		Cookie cookie = new Cookie("maintenance-bypass", other.issueCookieValue());
		assertThat(this.mvc.get().uri("/hello").cookie(cookie)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		BypassCookieAccessRule same = new BypassCookieAccessRule(SECRET, Duration.ofHours(1), this.clock);
		assertThat(this.mvc.get().uri("/hello").cookie(new Cookie("maintenance-bypass", same.issueCookieValue())))
			.hasStatusOk();
	}

	@Test
	void cookieIssuedByAnInstanceWhoseClockIsAheadIsAccepted() {
		MutableClock ahead = new MutableClock(FilterTestApplication.NOW.plusSeconds(30));
		BypassCookieAccessRule issuer = new BypassCookieAccessRule(SECRET, Duration.ofHours(1), ahead);
		assertThat(this.mvc.get().uri("/hello").cookie(new Cookie("maintenance-bypass", issuer.issueCookieValue())))
			.hasStatusOk();
		ahead.set(FilterTestApplication.NOW.plusSeconds(90));
		assertThat(this.mvc.get().uri("/hello").cookie(new Cookie("maintenance-bypass", issuer.issueCookieValue())))
			.as("further ahead than the tolerated skew")
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void cookieIssuedUnderALongerMaxAgeIsRefused() {
		BypassCookieAccessRule longer = new BypassCookieAccessRule(SECRET, Duration.ofDays(30), this.clock);
		assertThat(this.mvc.get().uri("/hello").cookie(new Cookie("maintenance-bypass", longer.issueCookieValue())))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void signedInStaffSeesTheRealSite() {
		assertThat(this.mvc.get().uri("/hello").session(sessionWith("ROLE_STAFF"))).hasStatusOk();
		assertThat(this.mvc.get().uri("/hello").session(sessionWith("ROLE_USER")))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.mvc.get().uri("/hello").session(new MockHttpSession()))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void readOnlyModeLetsAnnotatedWritesThrough() {
		this.maintenanceMode.enable(MaintenanceState.Mode.READ_ONLY, "Upgrade", null, null);
		assertThat(this.mvc.post().uri("/search")).hasStatusOk().hasBodyTextEqualTo("found");
		assertThat(this.mvc.post().uri("/hello")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		this.maintenanceMode.enable(MaintenanceState.Mode.FULL, "Upgrade", null, null);
		assertThat(this.mvc.post().uri("/search")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void readOnlyWriteToAPathWithALiteralPercentIsDecidedWithoutFailing() {
		MaintenanceState readOnly = this.maintenanceMode.enable(MaintenanceState.Mode.READ_ONLY, "Read-only", null,
				null);
		// the path is the raw one: Spring MVC cannot decode "/x%zz", and routes
		// "/se%61rch" to the "/search" handler
		assertThat(this.allowInReadOnly.admits(TestRequests.of("POST", "/x%zz"), readOnly)).isFalse();
		assertThat(this.allowInReadOnly.admits(TestRequests.of("POST", "/se%61rch"), readOnly)).isTrue();
		assertThat(this.allowInReadOnly.admits(TestRequests.of("POST", "/search"), readOnly)).isTrue();
	}

	@Test
	void returnPollIsAnsweredByTheFilter() {
		assertThat(this.mvc.get().uri("/maintenance-assets/status")).hasStatusOk()
			.hasHeader("Cache-Control", "no-store")
			.bodyJson()
			.isStrictlyEqualTo("{\"active\": true, \"retryAfter\": 300}");
		this.maintenanceMode.disable();
		assertThat(this.mvc.get().uri("/maintenance-assets/status")).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("{\"active\": false}");
	}

	@Test
	void pagePollsTheStatusToBringVisitorsBack() {
		assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML)).bodyText()
			.contains("var statusUrl = \"\\/maintenance-assets\\/status\";")
			.contains("window.location.replace(window.location.href)")
			.contains("<noscript><meta http-equiv=\"refresh\" content=\"60\"></noscript>");
	}

	private MvcTestResult get(String path, String remoteAddress) {
		return this.mvc.get().uri(path).with((request) -> {
			request.setRemoteAddr(remoteAddress);
			return request;
		}).exchange();
	}

	private MvcTestResult host(String host) {
		return this.mvc.get().uri("/hello").header("Host", host).exchange();
	}

	private static MockHttpSession sessionWith(String authority) {
		MockHttpSession session = new MockHttpSession();
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated("jo",
				null, List.of(new SimpleGrantedAuthority(authority)));
		session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
				new SecurityContextImpl(authentication));
		return session;
	}

}
