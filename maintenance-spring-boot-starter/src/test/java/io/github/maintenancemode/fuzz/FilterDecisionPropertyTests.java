package io.github.maintenancemode.fuzz;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.autoconfigure.MaintenanceWebAutoConfiguration;
import io.github.maintenancemode.web.BypassCookieAccessRule;
import io.github.maintenancemode.web.MaintenanceResponseKind;
import io.github.maintenancemode.web.MaintenanceResponses;
import io.github.maintenancemode.web.StaticResourceAccessRule;
import io.github.maintenancemode.web.servlet.MaintenanceFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of the whole filter decision, as auto-configured with a rule of
 * every kind: generated requests (method, path, query, client address, host, accept
 * header, bypass cookie) in generated states either reach the application, get the page's
 * status answer, a same-site bypass redirect, or a complete maintenance response, exactly
 * as a reference model of the documented rules says.
 */
class FilterDecisionPropertyTests {

	private static final List<String> PATTERNS = List.of("/open/**", "/login", "/files/{name}.txt");

	private static final List<String> HOSTS = List.of("staff.example.com", "admin.example.com:8443");

	private static final String SECRET = "fuzz-bypass-secret-0123";

	private static final List<String> EXEMPT = List.of("/actuator", "/maintenance-assets", "/livez", "/readyz");

	private static final BigInteger[][] RANGES = { range("::ffff:10.0.0.0", 104), range("::ffff:192.168.1.17", 128),
			range("2001:db8::", 32) };

	private static final String[] METHODS = { "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE",
			"PATCH", "get", "PROPFIND" };

	private static final String[] ADDRESSES = { "10.1.2.3", "10.255.255.255", "11.0.0.1", "9.255.255.255",
			"192.168.1.17", "192.168.1.170", "192.168.1.1", "2001:db8::1", "2001:DB8:0:0:0:0:0:7", "2001:db9::1",
			"::ffff:10.0.0.1", "0:0:0:0:0:ffff:a00:1", "::a00:1", "127.0.0.1", "0:0:0:0:0:0:0:1", "010.1.2.3", "",
			"unknown" };

	private static final String[] HOST_HEADERS = { "staff.example.com", "STAFF.Example.COM:80",
			"admin.example.com:8443", "admin.example.com", "admin.example.com:8444", "evil.example",
			"staff.example.com.", "\u017Ftaff.example.com", "staff.example.com.evil.example", "localhost:8080" };

	private static final String[] ACCEPTS = { "text/html", "text/html,application/xhtml+xml,*/*;q=0.8",
			"application/json", "application/problem+json", "*/*", "text/plain", "application/json;q=0.5, text/html",
			"text/html;q=0, application/json", "image/webp", "text/*", "application/*;q=0.9, text/plain;q=0.9",
			"text/html;Q=0, text/plain", "garbage;;;q=x", "" };

	private static final String[] LANGUAGES = { "en", "de", "fr", "de-CH", "zz" };

	private static @Nullable AnnotationConfigServletWebApplicationContext context;

	private static MaintenanceFilter filter;

	private static MaintenanceMode maintenanceMode;

	private static String validCookie;

	@BeforeContainer
	static void startFilter() {
		AnnotationConfigServletWebApplicationContext started = new AnnotationConfigServletWebApplicationContext();
		started.setServletContext(new MockServletContext());
		TestPropertyValues
			.of("maintenance.allow.paths=" + String.join(",", PATTERNS),
					"maintenance.allow.ip-addresses=10.0.0.0/8,192.168.1.17,2001:db8::/32",
					"maintenance.allow.hosts=" + String.join(",", HOSTS), "maintenance.bypass.secret=" + SECRET,
					"management.endpoint.health.probes.add-additional-paths=true")
			.applyTo(started);
		started.register(MaintenanceAutoConfiguration.class, ThymeleafAutoConfiguration.class,
				MaintenanceWebAutoConfiguration.class);
		started.refresh();
		context = started;
		filter = (MaintenanceFilter) started.getBean("maintenanceFilterRegistration", FilterRegistrationBean.class)
			.getFilter();
		maintenanceMode = started.getBean(MaintenanceMode.class);
		validCookie = new BypassCookieAccessRule(SECRET, Duration.ofHours(12), Clock.systemUTC()).issueCookieValue();
	}

	@AfterContainer
	static void stopFilter() {
		if (context != null) {
			context.close();
		}
	}

	@Property(tries = 4000, seed = "20261210")
	void everyRequestIsDecidedAsTheRulesSay(@ForAll("exchanges") Exchange exchange) throws Exception {
		MaintenanceState state = exchange.state().apply(maintenanceMode);
		MockHttpServletRequest request = exchange.request();
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicBoolean passed = new AtomicBoolean();
		FilterChain chain = (req, res) -> passed.set(true);
		filter.doFilter(request, response, chain);

		Outcome expected = expected(exchange, state);
		String description = exchange + " in " + exchange.state();
		switch (expected) {
			case PASS -> assertThat(passed).as(description).isTrue();
			case STATUS -> {
				assertThat(passed).as(description).isFalse();
				assertThat(response.getStatus()).isEqualTo(200);
				assertThat(response.getContentAsString()).startsWith("{\"active\":" + state.enabled());
			}
			case BYPASS_REDIRECT -> {
				assertThat(passed).as(description).isFalse();
				assertThat(response.getStatus()).as(description).isEqualTo(303);
				String location = response.getHeader("Location");
				assertThat(location).as(description)
					.startsWith("/")
					.doesNotStartWith("//")
					.doesNotStartWith("/\\")
					.doesNotContain("maintenance-bypass=");
				assertThat(URI.create("http://site.example/").resolve(location).getHost()).isEqualTo("site.example");
				assertThat(response.getHeader("Set-Cookie")).startsWith(BypassCookieAccessRule.NAME + "=")
					.contains("HttpOnly", "SameSite=Lax");
			}
			case REFUSE -> {
				assertThat(passed).as(description).isFalse();
				assertCompleteMaintenanceResponse(exchange, response, description);
			}
		}
	}

	private static void assertCompleteMaintenanceResponse(Exchange exchange, MockHttpServletResponse response,
			String description) {
		assertThat(response.getStatus()).as(description).isEqualTo(503);
		assertThat(Long.parseLong(response.getHeader("Retry-After"))).as(description).isPositive();
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.getHeader("Vary")).isEqualTo("Accept");
		byte[] body = response.getContentAsByteArray();
		assertThat(response.getHeader("Content-Length")).as(description).isEqualTo(Integer.toString(body.length));
		String contentType = response.getContentType();
		Optional<MaintenanceResponseKind> kind = Reference.kind(exchange.accept());
		String expectedType = switch (kind.orElse(MaintenanceResponseKind.negotiate(exchange.accept()))) {
			case HTML -> "text/html";
			case JSON -> "application/problem+json";
			default -> "text/plain";
		};
		assertThat(contentType).as(description).startsWith(expectedType);
		String text = new String(body, StandardCharsets.UTF_8);
		if (expectedType.equals("text/html")) {
			assertThat(text).startsWith("<!DOCTYPE html>");
			assertThat(text.strip()).endsWith("</html>");
		}
		else if (expectedType.equals("application/problem+json")) {
			JsonNode problem = JsonMapper.shared().readTree(text);
			assertThat(problem.get("type").asString()).as(description)
				.isEqualTo(MaintenanceResponses.DEFAULT_PROBLEM_TYPE);
			assertThat(problem.get("status").asInt()).as(description).isEqualTo(503);
		}
		else {
			assertThat(text).endsWith("\n");
		}
	}

	/**
	 * The reference model: the documented order of the rules.
	 */
	private static Outcome expected(Exchange exchange, MaintenanceState state) {
		// decided on the raw URI, as the handler mapping sees it; this context has no
		// actuator, so only the page's assets are exempt
		String raw = exchange.rawUri();
		if (raw.equals("/maintenance-assets/status")) {
			return Outcome.STATUS;
		}
		String handlerPath = Reference.handlerPath(raw);
		// one definition of a safe method serves every rule (RFC 9110 §9.2.1)
		boolean safe = List.of("GET", "HEAD", "OPTIONS", "TRACE").contains(exchange.method());
		if (handlerPath != null && safe && Reference.pathAllowed(List.of("/maintenance-assets/**"), handlerPath)) {
			return Outcome.PASS;
		}
		if (!state.enabled()) {
			return Outcome.PASS;
		}
		if (safe && SECRET.equals(bypassParameter(exchange.query()))) {
			return Outcome.BYPASS_REDIRECT;
		}
		if (state.mode() == MaintenanceState.Mode.READ_ONLY && safe) {
			return Outcome.PASS;
		}
		boolean staticResource = safe && Reference.pathAllowed(StaticResourceAccessRule.COMMON_LOCATIONS, raw);
		boolean admitted = staticResource || Reference.pathAllowed(PATTERNS, raw)
				|| addressAllowed(exchange.remoteAddress()) || Reference.hostAllowed(HOSTS, exchange.host())
				|| validCookie.equals(exchange.cookie());
		return admitted ? Outcome.PASS : Outcome.REFUSE;
	}

	private static @Nullable String bypassParameter(@Nullable String query) {
		if (query == null) {
			return null;
		}
		String secret = null;
		for (String pair : query.split("&")) {
			if (pair.startsWith(BypassCookieAccessRule.NAME + "=")) {
				try {
					secret = URLDecoder.decode(pair.substring(BypassCookieAccessRule.NAME.length() + 1),
							StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					secret = "";
				}
			}
		}
		return secret;
	}

	private static boolean addressAllowed(String address) {
		Optional<BigInteger> value = Reference.address(address);
		if (value.isEmpty()) {
			return false;
		}
		for (BigInteger[] range : RANGES) {
			if (Reference.inRange(value.get(), range[0], range[1].intValue())) {
				return true;
			}
		}
		return false;
	}

	private static BigInteger[] range(String network, int prefixLength) {
		return new BigInteger[] { Reference.address(network).orElseThrow(), BigInteger.valueOf(prefixLength) };
	}

	@Provide
	Arbitrary<Exchange> exchanges() {
		return Arbitraries.randomValue(FilterDecisionPropertyTests::exchange);
	}

	private static Exchange exchange(Random random) {
		String path = switch (random.nextInt(7)) {
			case 0 -> PATTERNS.get(random.nextInt(PATTERNS.size())).replace("**", "x/y").replace("{name}", "a");
			case 2 -> StaticResourceAccessRule.COMMON_LOCATIONS
				.get(random.nextInt(StaticResourceAccessRule.COMMON_LOCATIONS.size()))
				.replace("**", "x/y.css")
				.replace("*", "a");
			case 1 -> EXEMPT.get(random.nextInt(EXEMPT.size())) + (random.nextBoolean() ? "/status" : "");
			default -> PathMatchingPropertyTests.path(random);
		};
		String encoded = UriUtils.encodePath(path, StandardCharsets.UTF_8);
		String rawUri = switch (random.nextInt(8)) {
			case 0 -> "//evil.example" + encoded;
			case 1 -> "/\\evil.example" + encoded;
			default -> encoded;
		};
		String query = switch (random.nextInt(8)) {
			case 0 -> BypassCookieAccessRule.NAME + "=" + SECRET;
			case 1 -> "a=1&" + BypassCookieAccessRule.NAME + "=" + SECRET + "&b=2";
			case 2 -> BypassCookieAccessRule.NAME + "=" + SECRET.substring(1);
			case 3 -> BypassCookieAccessRule.NAME + "=" + SECRET + "&" + BypassCookieAccessRule.NAME + "=wrong";
			case 4 -> BypassCookieAccessRule.NAME + "=%zz";
			case 5 -> "x" + BypassCookieAccessRule.NAME + "=" + SECRET;
			default -> null;
		};
		String cookie = switch (random.nextInt(6)) {
			case 0 -> "VALID";
			case 1 -> "1." + SECRET;
			case 2 -> "9999999999.AAAA";
			default -> null;
		};
		return new Exchange(States.values()[random.nextInt(States.values().length)],
				METHODS[random.nextInt(METHODS.length)], path, rawUri, query,
				ADDRESSES[random.nextInt(ADDRESSES.length)],
				(random.nextInt(3) == 0) ? null : HOST_HEADERS[random.nextInt(HOST_HEADERS.length)],
				ACCEPTS[random.nextInt(ACCEPTS.length)], cookie, LANGUAGES[random.nextInt(LANGUAGES.length)]);
	}

	/**
	 * What the filter does with a request.
	 */
	enum Outcome {

		PASS, STATUS, BYPASS_REDIRECT, REFUSE

	}

	/**
	 * The generated states.
	 */
	enum States {

		OFF, FULL, READ_ONLY, FULL_UNTIL_YEAR_9999, FULL_WITH_MARKUP;

		MaintenanceState apply(MaintenanceMode maintenanceMode) {
			MaintenanceState current = maintenanceMode.status();
			if (current.enabled() && this != OFF && current.reason() != null && current.reason().equals(reason())
					&& current.mode() == mode()) {
				return current;
			}
			if (this == OFF) {
				return current.enabled() ? maintenanceMode.disable() : current;
			}
			Instant until = (this == FULL_UNTIL_YEAR_9999) ? Instant.parse("9999-12-31T23:59:59Z") : null;
			return maintenanceMode.enable(mode(), reason(), until, null);
		}

		private MaintenanceState.Mode mode() {
			return (this == READ_ONLY) ? MaintenanceState.Mode.READ_ONLY : MaintenanceState.Mode.FULL;
		}

		private String reason() {
			return switch (this) {
				case READ_ONLY -> "Read only";
				case FULL_UNTIL_YEAR_9999 -> "Long";
				case FULL_WITH_MARKUP -> "<script>alert(1)</script> \u2028 & \"x\"";
				default -> "Upgrade";
			};
		}

	}

	/**
	 * A generated request in a generated state.
	 *
	 * @param state the state
	 * @param method the method
	 * @param path the decoded path (servlet path)
	 * @param rawUri the request URI as sent
	 * @param query the query string
	 * @param remoteAddress the client address
	 * @param host the {@code Host} header
	 * @param accept the {@code Accept} header
	 * @param cookieKind the bypass cookie ({@code VALID} for a valid one)
	 * @param language the {@code Accept-Language}
	 */
	record Exchange(States state, String method, String path, String rawUri, @Nullable String query,
			String remoteAddress, @Nullable String host, String accept, @Nullable String cookieKind, String language) {

		@Nullable String cookie() {
			return "VALID".equals(this.cookieKind) ? validCookie : this.cookieKind;
		}

		MockHttpServletRequest request() {
			MockHttpServletRequest request = new MockHttpServletRequest(this.method, this.rawUri);
			request.setServletPath(this.path);
			request.setQueryString(this.query);
			request.setRemoteAddr(this.remoteAddress);
			if (this.host != null) {
				request.addHeader("Host", this.host);
			}
			request.addHeader("Accept", this.accept);
			request.addPreferredLocale(Locale.forLanguageTag(this.language));
			String cookie = cookie();
			if (cookie != null) {
				request.setCookies(new Cookie(BypassCookieAccessRule.NAME, cookie));
			}
			return request;
		}

	}

}
