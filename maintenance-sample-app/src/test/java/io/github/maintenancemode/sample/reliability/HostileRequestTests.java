package io.github.maintenancemode.sample.reliability;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.sample.NoteRepository;
import io.github.maintenancemode.web.BypassCookieAccessRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests while maintenance is on, over real HTTP: forged client addresses and
 * host names, path tricks against the allowed paths and the actuator exemption, forged
 * bypass cookies and links, markup in the reason, writes without the right credentials,
 * and cross-site writes from a browser form. None of them reaches the application or
 * changes the state. Each group also has a control that shows the rule it attacks does
 * admit the genuine request.
 */
@ReliabilityTest
class HostileRequestTests {

	private static final String NOTE = "private note ";

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private NoteRepository notes;

	private ReliabilityHttp http;

	@Autowired
	private ControllerCanary canary;

	private static final AtomicInteger pathTricks = new AtomicInteger();

	private static final AtomicInteger refusedByTheFilter = new AtomicInteger();

	private String marker;

	@BeforeEach
	void maintenanceWithAPrivateNote() {
		this.http = new ReliabilityHttp(this.port);
		this.marker = NOTE + UUID.randomUUID();
		this.notes.add(this.marker);
		this.maintenanceMode.enable("Hostile requests");
	}

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@AfterAll
	static void report() {
		System.out.printf(
				"hostile requests: %d path tricks, %d refused by the maintenance filter (503), "
						+ "%d stopped by the container or Spring Security, 0 reached a controller%n",
				pathTricks.get(), refusedByTheFilter.get(), pathTricks.get() - refusedByTheFilter.get());
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Forwarded-For: 10.9.9.9", "X-Forwarded-For: 10.9.9.9, 127.0.0.1",
			"X-Forwarded-For: 127.0.0.1, 10.9.9.9", "Forwarded: for=10.9.9.9", "Forwarded: for=\"[::ffff:10.9.9.9]\"",
			"X-Real-IP: 10.9.9.9", "X-Client-IP: 10.9.9.9", "True-Client-IP: 10.9.9.9", "X-Cluster-Client-IP: 10.9.9.9",
			"X-Forwarded-Host: staff.localhost", "X-Host: staff.localhost", "X-Original-URL: /api/job-runs",
			"X-Rewrite-URL: /api/job-runs", "X-HTTP-Method-Override: GET" })
	void forgedForwardingHeadersDoNotAdmit(String header) {
		int colon = header.indexOf(':');
		HttpResponse<String> response = this.http.send(this.http.request("/api/notes")
			.header("Accept", "application/json")
			.header(header.substring(0, colon), header.substring(colon + 1).strip())
			.build());
		assertRefused(response.statusCode(), response.body());
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.example", "staff.localhost.evil.example", "xstaff.localhost", "staff.localhost.",
			"staff.localhost..", "staff-localhost", "staff.localhost@evil.example", "staff.localhost%00",
			"staff.localhost:80:80", "staff.local", "[::1]", "staff.localhost\tx" })
	void forgedHostHeadersDoNotAdmit(String host) {
		this.canary.calls().clear();
		String response = rawGet("/api/notes", "Host: " + host);
		assertThat(response).doesNotContain(this.marker).doesNotStartWith("HTTP/1.1 200");
		assertThat(this.canary.calls()).isEmpty();
	}

	@Test
	void absoluteRequestTargetDoesNotOverrideTheHostHeaderCheck() {
		this.canary.calls().clear();
		String response = this.http.raw("GET http://staff.localhost/api/notes HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
				+ "\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
		assertThat(response).doesNotContain(this.marker).doesNotStartWith("HTTP/1.1 200");
		assertThat(this.canary.calls()).isEmpty();
	}

	@Test
	void staffHostAndStaffAddressControlsAreAdmitted() {
		assertThat(rawGet("/api/notes", "Host: staff.localhost:" + this.port)).startsWith("HTTP/1.1 200")
			.contains(this.marker);
		assertThat(rawGet("/api/notes", "Host: STAFF.localhost")).startsWith("HTTP/1.1 200");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/notes", "/actuator/../api/notes", "/actuator/%2e%2e/api/notes",
			"/actuator/.%2E/api/notes", "/actuator/..%2Fapi/notes", "/actuator%2F..%2Fapi%2Fnotes",
			"/actuator;/../api/notes", "/actuator;x=y/../api/notes", "/actuator/health/../../api/notes",
			"/actuator/%252e%252e/api/notes", "/actuator/..;/api/notes", "/actuator/%2e%2e;/api/notes",
			"/actuator\\..\\api\\notes", "/actuator/%5c..%5capi/notes", "/actuator./../api/notes",
			"/ACTUATOR/../api/notes", "/maintenance-assets/../api/notes", "/maintenance-assets/..;/api/notes",
			"/maintenance-assets/status/../../api/notes", "/maintenance-assets%2Fstatus", "/api/job-runs/../notes",
			"/api/job-runs/..;/notes", "/api/job-runs;/../notes", "/api/job-runs%3b/../notes",
			"/api/job-runs/%2e%2e/notes", "/api/job-runs%2F..%2Fnotes", "/api/job-runs/", "/api/job-runs.",
			"/API/JOB-RUNS", "/login/../api/notes", "/login;/../api/notes", "/login/..%2Fapi/notes",
			"/api/notes;jsessionid=ABC", "/api/notes;jsessionid=ABC/..", "/api/notes.", "/api/notes%2F", "/api%2Fnotes",
			"/%61pi/notes", "/api/%6Eotes", "//api/notes", "/api//notes", "///api/notes", "/./api/notes",
			"/api/./notes", "/api/notes/", "/API/notes", "/api/NOTES", "/api/notes%00", "/api/notes%20", "/api/notes..",
			"/api/notes?/actuator", "/api/notes#/actuator", "/actuator/%2e%2e%2fapi/notes",
			"/actuator/%c0%ae%c0%ae/api/notes" })
	void pathTricksDoNotSlipPastTheAllowedPathsOrTheActuatorExemption(String path) {
		this.canary.calls().clear();
		String response = rawGet(path, "Host: 127.0.0.1:" + this.port);
		int status = Integer.parseInt(response.substring(9, 12));
		assertThat(response).as(path).doesNotContain(this.marker);
		// whatever answered (the maintenance filter, or the container or Spring
		// Security's firewall before it), no controller ran
		assertThat(this.canary.calls()).as(path).isEmpty();
		pathTricks.incrementAndGet();
		if (status == 503) {
			refusedByTheFilter.incrementAndGet();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "get", "Get", "head", "options", "gET" })
	void aSafeMethodSpeltOtherwiseIsNotSafeInReadOnlyMode(String method) {
		this.maintenanceMode.enable(MaintenanceState.Mode.READ_ONLY, "Read-only", null, null);
		this.canary.calls().clear();
		String response = rawRequest(method + " /api/notes HTTP/1.1", "Host: 127.0.0.1:" + this.port);
		assertThat(this.canary.calls()).as(method).isEmpty();
		assertThat(response).as(method).doesNotContain(this.marker);
	}

	@Test
	void theCanarySeesAnAdmittedRequest() {
		this.canary.calls().clear();
		assertThat(this.http.get("/api/job-runs", "application/json").statusCode()).isEqualTo(200);
		assertThat(this.canary.calls()).containsExactly("GET /api/job-runs");
	}

	@Test
	void allowedPathAndActuatorControlsPass() {
		assertThat(this.http.get("/api/job-runs", "application/json").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health", "application/json").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/login", "text/html").statusCode()).isEqualTo(200);
	}

	@Test
	void forgedExpiredAndReplayedBypassCookiesDoNotAdmit() {
		BypassCookieAccessRule sameSecret = new BypassCookieAccessRule(ReliabilityTest.BYPASS_SECRET,
				Duration.ofHours(1), Clock.systemUTC());
		String valid = sameSecret.issueCookieValue();
		String expiry = valid.substring(0, valid.indexOf('.'));
		String signature = valid.substring(valid.indexOf('.') + 1);
		Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
		String expired = new BypassCookieAccessRule(ReliabilityTest.BYPASS_SECRET, Duration.ofHours(1), twoHoursAgo)
			.issueCookieValue();
		String otherSecret = new BypassCookieAccessRule("another-deployment-secret", Duration.ofHours(1),
				Clock.systemUTC())
			.issueCookieValue();
		List<String> forged = List.of("1", "x", "", ".", expired, otherSecret, ReliabilityTest.BYPASS_SECRET,
				(Long.parseLong(expiry) + 3600) + "." + signature, "9999999999." + signature,
				"9999999999999999999." + signature, "-1." + signature, "+" + valid, "0" + valid, expiry + ".",
				expiry + "." + signature.substring(1), expiry + "." + signature + "A", valid.replace('.', ','),
				expiry + "." + signature.toUpperCase(), expiry + ".." + signature);
		for (String cookie : forged) {
			HttpResponse<String> response = this.http.send(this.http.request("/api/notes")
				.header("Accept", "application/json")
				.header("Cookie", BypassCookieAccessRule.NAME + "=" + cookie)
				.build());
			assertThat(response.statusCode()).as(cookie).isEqualTo(503);
		}
		HttpResponse<String> genuine = this.http.send(this.http.request("/api/notes")
			.header("Accept", "application/json")
			.header("Cookie", BypassCookieAccessRule.NAME + "=" + valid)
			.build());
		assertThat(genuine.statusCode()).isEqualTo(200);
		assertThat(genuine.body()).contains(this.marker);
	}

	@Test
	void bypassLinkNeedsTheSecretAndNeverRedirectsToAnotherSite() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		for (String query : List.of("maintenance-bypass=wrong-secret-of-any-length",
				"maintenance-bypass=" + ReliabilityTest.BYPASS_SECRET.toUpperCase(),
				"maintenance-bypass=" + ReliabilityTest.BYPASS_SECRET.substring(1),
				"maintenance-bypass=" + ReliabilityTest.BYPASS_SECRET + "%00", "maintenance-bypass=",
				"xmaintenance-bypass=" + ReliabilityTest.BYPASS_SECRET)) {
			HttpResponse<String> response = browser.send(HttpRequest.newBuilder(this.http.uri("/api/notes?" + query))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(query).isEqualTo(503);
		}
		HttpResponse<String> post = browser.send(
				HttpRequest.newBuilder(this.http.uri("/api/notes?maintenance-bypass=" + ReliabilityTest.BYPASS_SECRET))
					.header("Accept", "application/json")
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"bypass on a write\"}"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(503);
		assertThat(rawGet("/api/notes", "Host: 127.0.0.1")).startsWith("HTTP/1.1 503");

		for (String target : List.of("//evil.example/", "///evil.example/x", "//evil.example//x")) {
			String response = rawGet(target + "?maintenance-bypass=" + ReliabilityTest.BYPASS_SECRET,
					"Host: 127.0.0.1:" + this.port);
			assertThat(response).as(target).startsWith("HTTP/1.1 303");
			String location = response.lines()
				.filter((line) -> line.regionMatches(true, 0, "Location:", 0, 9))
				.findFirst()
				.orElseThrow()
				.substring(9)
				.strip();
			assertThat(location).as(target).startsWith("/").doesNotStartWith("//").doesNotStartWith("/\\");
			assertThat(URI.create(this.http.uri("/").toString()).resolve(location).getHost()).isEqualTo("127.0.0.1");
		}
	}

	@Test
	void markupInTheReasonIsEscapedInThePageAndIntactInJson() {
		String reason = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quoted\" </dd></dl><h1>fake</h1>";
		assertThat(this.http.admin("POST", "{\"enabled\": true, \"reason\": " + jsonString(reason) + "}").statusCode())
			.isEqualTo(200);
		HttpResponse<String> page = this.http.get("/", "text/html");
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.body()).doesNotContain("<script>alert", "<img src=x", "<h1>fake</h1>")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; "
					+ "&quot;quoted&quot;");
		HttpResponse<String> problem = this.http.get("/api/notes", "application/json");
		assertThat(JsonMapper.builder().build().readTree(problem.body()).path("detail").asString()).isEqualTo(reason);
		HttpResponse<String> plain = this.http.get("/api/notes", "text/plain");
		assertThat(plain.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(plain.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(plain.body()).contains(reason);
		assertThat(JsonMapper.builder().build().readTree(this.http.admin("GET", null).body()).path("reason").asString())
			.isEqualTo(reason);
	}

	@Test
	void writesWithoutTheOperatorRoleAreRefusedAndChangeNothing() {
		MaintenanceState before = this.maintenanceMode.status();
		String on = "{\"enabled\": false}";
		assertThat(this.http.send("POST", "/actuator/maintenance", on, "application/json", null).statusCode())
			.isEqualTo(401);
		assertThat(this.http.send("DELETE", "/actuator/maintenance", null, null, null).statusCode()).isEqualTo(401);
		assertThat(this.http.send("POST", "/actuator/maintenance", on, "application/json", "admin:wrong").statusCode())
			.isEqualTo(401);
		assertThat(this.http.send("POST", "/actuator/maintenance", on, "application/json", "nobody:change-me")
			.statusCode()).isEqualTo(401);
		assertThat(this.http.send("POST", "/actuator/maintenance", on, "application/json", "staff:staff-password")
			.statusCode()).isEqualTo(403);
		assertThat(this.http.send("DELETE", "/actuator/maintenance", null, null, "staff:staff-password").statusCode())
			.isEqualTo(403);
		assertThat(
				this.http.send("POST", "/actuator/maintenance/drain", null, null, "staff:staff-password").statusCode())
			.isEqualTo(403);
		assertThat(this.http.send("GET", "/actuator/maintenance", null, null, null).statusCode()).isEqualTo(401);
		HttpResponse<String> malformed = this.http.send(this.http.request("/actuator/maintenance")
			.header("Authorization", "Basic !!!not-base64")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(on))
			.build());
		assertThat(malformed.statusCode()).isIn(400, 401);
		EndpointHostileInputTests.assertNoStackTrace(malformed.body());
		assertThat(this.maintenanceMode.status()).isEqualTo(before);
	}

	@Test
	void browserFormsCannotWriteToTheEndpointEvenWithTheOperatorsCredentials() {
		MaintenanceState before = this.maintenanceMode.status();
		List<String[]> forms = List.of(new String[] { "application/x-www-form-urlencoded", "enabled=false" },
				new String[] { "text/plain", "{\"enabled\": false}" },
				new String[] { "multipart/form-data; boundary=b",
						"--b\r\nContent-Disposition: form-data; name=\"enabled\"\r\n\r\nfalse\r\n--b--\r\n" },
				new String[] { "application/x-www-form-urlencoded", "" });
		for (String[] form : forms) {
			HttpResponse<String> response = this.http.send(this.http.request("/actuator/maintenance?enabled=false")
				.header("Origin", "https://evil.example")
				.header("Content-Type", form[0])
				.header("Authorization", ReliabilityHttp.basic(ReliabilityHttp.ADMIN))
				.POST(HttpRequest.BodyPublishers.ofString(form[1]))
				.build());
			assertThat(response.statusCode()).as(form[0]).isEqualTo(415);
		}
		HttpResponse<String> preflight = this.http.send(this.http.request("/actuator/maintenance")
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type, authorization")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(this.maintenanceMode.status()).isEqualTo(before);
	}

	@Test
	void readOnlyModeIsNotFooledByMethodOverrides() {
		this.maintenanceMode.enable(MaintenanceState.Mode.READ_ONLY, "Read-only", null, null);
		int before = this.notes.count();
		for (String override : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
			HttpResponse<String> response = this.http.send(this.http.request("/api/notes?_method=GET")
				.header("Accept", "application/json")
				.header("Content-Type", "application/json")
				.header(override, "GET")
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"overridden\"}"))
				.build());
			assertThat(response.statusCode()).as(override).isEqualTo(503);
		}
		assertThat(rawRequest("get /api/notes HTTP/1.1")).doesNotStartWith("HTTP/1.1 200");
		assertThat(this.notes.count()).isEqualTo(before);
		assertThat(this.http.get("/api/notes", "application/json").statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "*", "text/html;q=NaN", "application/json;q=1e400", "text/html;q=-1, */*",
			"application/json;q=0, text/html;q=0", "text/html;;;;q=", ",,,,", "application/problem+json;q=0.5",
			"text/*;q=0.1, application/*;q=0.2", "x/y/z" })
	void oddAcceptHeadersStillGetACompleteMaintenanceResponse(String accept) {
		String response = rawGet("/api/notes", "Host: 127.0.0.1", "Accept: " + accept);
		assertThat(response).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: ");
		int length = Integer.parseInt(response.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1"));
		assertThat(response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1))
			.hasSize(length);
	}

	private String rawGet(String target, String... headers) {
		return rawRequest("GET " + target + " HTTP/1.1", headers);
	}

	private String rawRequest(String requestLine, String... headers) {
		StringBuilder request = new StringBuilder(requestLine).append("\r\n");
		boolean host = false;
		for (String header : headers) {
			request.append(header).append("\r\n");
			host |= header.regionMatches(true, 0, "Host:", 0, 5);
		}
		if (!host) {
			request.append("Host: 127.0.0.1:").append(this.port).append("\r\n");
		}
		if (List.of(headers).stream().noneMatch((header) -> header.regionMatches(true, 0, "Accept:", 0, 7))) {
			request.append("Accept: application/json\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		return this.http.raw(request.toString());
	}

	private static String jsonString(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private void assertRefused(int status, String body) {
		assertThat(status).isEqualTo(503);
		assertThat(body).doesNotContain(this.marker);
	}

}
