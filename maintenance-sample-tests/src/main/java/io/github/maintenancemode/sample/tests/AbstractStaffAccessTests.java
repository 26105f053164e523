package io.github.maintenancemode.sample.tests;

import java.io.IOException;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: who sees the real site during maintenance in the sample application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "maintenance.allow.ip-addresses=10.9.9.9",
		"maintenance.allow.hosts=staff.localhost", "maintenance.bypass.secret=sample-bypass-secret-123" })
public abstract class AbstractStaffAccessTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
	}

	@Test
	void staffSignedInWithTheLoginFormSeesTheRealSite() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		this.maintenanceMode.enable("Upgrade");
		HttpResponse<String> loginPage = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString());
		assertThat(loginPage.statusCode()).isEqualTo(200);
		Matcher csrf = CSRF.matcher(loginPage.body());
		assertThat(csrf.find()).isTrue();
		String form = "username=staff&password=staff-password&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		assertThat(browser.send(get("/"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(browser.send(get("/api/notes"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(anonymous("/").statusCode()).isEqualTo(503);
	}

	@Test
	void wrongPasswordDoesNotAdmit() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		this.maintenanceMode.enable("Upgrade");
		HttpResponse<String> loginPage = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(loginPage.body());
		assertThat(csrf.find()).isTrue();
		browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=staff&password=wrong&_csrf=" + csrf.group(1)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(browser.send(get("/"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
	}

	@Test
	void bypassLinkLetsABrowserThrough() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		this.maintenanceMode.enable("Upgrade");
		HttpResponse<String> link = browser.send(get("/api/notes?maintenance-bypass=sample-bypass-secret-123"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(link.statusCode()).isEqualTo(303);
		assertThat(link.headers().firstValue("Location")).contains("/api/notes");
		assertThat(browser.send(get("/api/notes"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(anonymous("/api/notes").statusCode()).isEqualTo(503);
	}

	@Test
	void staffHostSeesTheRealSite() throws Exception {
		this.maintenanceMode.enable("Upgrade");
		HttpClient client = HttpClient.newHttpClient();
		// java.net.http refuses to set Host; a raw request line does it
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write(("GET /api/notes HTTP/1.1\r\nHost: staff.localhost:" + this.port
						+ "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(response).startsWith("HTTP/1.1 200");
		}
		assertThat(client.send(get("/api/notes"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
	}

	@Test
	void readOnlyModeListsNotesButRefusesNewOnes() throws Exception {
		this.maintenanceMode.enable(MaintenanceState.Mode.READ_ONLY, "Read-only upgrade", null, null);
		assertThat(anonymous("/api/notes").statusCode()).isEqualTo(200);
		HttpResponse<String> create = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/api/notes"))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"refused\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(create.statusCode()).isEqualTo(503);
		assertThat(create.body()).contains("\"mode\":\"READ_ONLY\"").containsIgnoringCase("read-only");
	}

	private HttpResponse<String> anonymous(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient().send(get(path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET().build();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
