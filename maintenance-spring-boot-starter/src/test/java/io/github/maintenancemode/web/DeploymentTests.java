package io.github.maintenancemode.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.lifecycle.InstanceDrain;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maintenance in applications that are not the sample: no Spring Security (so no firewall
 * in front), a catch-all mapping that would take any request that got past the filter, on
 * Tomcat and on Jetty, under other context, servlet and management paths. Each path trick
 * is sent as raw bytes, so that no client normalizes it; it fails the test if it reaches
 * a controller. The probes and the endpoint answer normally while maintenance is on.
 */
class DeploymentTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration";

	/**
	 * Requests that name an exempt or allowed path in one reading and an application path
	 * in another, relative to the application's base (context path and servlet path).
	 */
	private static final List<String> TRICKS = List.of("POST /api/notes/../../actuator/health",
			"POST /api/notes/../../actuator/health/liveness", "POST /x/..;/..;/maintenance-assets/y",
			"GET /api/notes/../public/x", "POST /api/notes/../public/x", "POST /actuator/health/..;/..;/api/notes",
			"POST /actuator/health/../../api/notes", "POST /actuator/%2e%2e/api/notes",
			"POST /actuator/%252e%252e/api/notes", "POST /maintenance-assets/%2e%2e/api/notes",
			"POST /maintenance-assets/..%2fapi/notes", "POST /public/..%2F..%2Fapi/notes",
			"POST /public;x/../../api/notes", "POST /public/%2e%2e/api/notes", "POST /actuator/notes",
			"POST /actuator/maintenancex", "POST /maintenance-assets/notes", "POST /public/..\\api\\notes",
			"POST /actuator//../api/notes", "POST /livez/../api/notes", "POST /health/../api/notes",
			"POST /maintenance-assets/status/../../api/notes", "POST /maintenance-assets/status;/../../api/notes",
			"POST /PUBLIC/x", "POST /api/notes");

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	static Stream<Arguments> deployments() {
		List<Arguments> deployments = new ArrayList<>();
		for (String server : List.of("tomcat", "jetty")) {
			deployments.add(Arguments.of(server, "", "", "/actuator", false));
			deployments.add(Arguments.of(server, "/ctx", "/app", "/actuator", false));
			deployments.add(Arguments.of(server, "", "", "/", true));
			deployments.add(Arguments.of(server, "/ctx", "/app", "/manage", true));
		}
		return deployments.stream();
	}

	@ParameterizedTest(name = "{0}, context path ''{1}'', servlet path ''{2}'', management base path ''{3}''")
	@MethodSource("deployments")
	void noTrickReachesTheApplicationAndTheProbesAndEndpointAnswer(String server, String contextPath,
			String servletPath, String basePath, boolean additionalPaths) throws Exception {
		start(server, contextPath, servletPath, basePath, additionalPaths);
		String base = contextPath + servletPath;
		String actuator = base + (basePath.equals("/") ? "" : basePath);
		MaintenanceMode maintenanceMode = this.context.getBean(MaintenanceMode.class);
		Canary canary = this.context.getBean(Canary.class);

		// a positive control: with maintenance off, the tricks do reach the application
		int reachedWhenOff = 0;
		for (String trick : TRICKS) {
			canary.calls.clear();
			send(trick.replaceFirst(" ", " " + base));
			reachedWhenOff += canary.calls.isEmpty() ? 0 : 1;
		}
		assertThat(reachedWhenOff).as("tricks that reach the application while maintenance is off")
			.isGreaterThan(TRICKS.size() / 2);

		maintenanceMode.enable("Upgrade");
		canary.calls.clear();
		List<String> refusals = new ArrayList<>();
		for (String trick : TRICKS) {
			int status = send(trick.replaceFirst(" ", " " + base)).status();
			refusals.add(trick + " -> " + status);
			// 400: the container refused the URI; 404: it routed it to no servlet at all
			// (outside the dispatcher servlet's path); what counts is the canary
			assertThat(status).as(trick).isIn(503, 400, 404);
		}
		assertThat(canary.calls).as("requests that reached the application: %s", refusals).isEmpty();
		long refusedByTheFilter = refusals.stream().filter((line) -> line.endsWith("-> 503")).count();
		System.out.printf(
				"path tricks on %s (context '%s', servlet '%s', management '%s'): %d tried, "
						+ "%d reached the application while off, %d refused by the maintenance filter, "
						+ "%d refused by the container, 0 reached the application%n",
				server, contextPath, servletPath, basePath, TRICKS.size(), reachedWhenOff, refusedByTheFilter,
				TRICKS.size() - refusedByTheFilter);

		Response page = send("GET " + base + "/api/notes", "text/html");
		assertThat(page.status()).isEqualTo(503);
		assertThat(page.body().replace("\\/", "/")).contains("\"" + base + "/maintenance-assets/status\"");

		assertThat(send("GET " + actuator + "/health/liveness").status()).isEqualTo(200);
		assertThat(send("GET " + actuator + "/health/readiness").status()).isEqualTo(200);
		assertThat(send("GET " + actuator + "/health").status()).isEqualTo(200);
		if (additionalPaths) {
			assertThat(send("GET " + base + "/livez").status()).isEqualTo(200);
			assertThat(send("GET " + base + "/readyz").status()).isEqualTo(200);
		}
		assertThat(send("GET " + actuator + "/ops").body()).as("a @ControllerEndpoint").isEqualTo("ops");
		Response status = send("GET " + actuator + "/maintenance");
		assertThat(status.status()).isEqualTo(200);
		assertThat(status.body()).contains("\"enabled\":true");
		Response poll = send("GET " + base + "/maintenance-assets/status");
		assertThat(poll.status()).isEqualTo(200);
		assertThat(poll.body()).startsWith("{\"active\":true");
		Response off = send("DELETE " + actuator + "/maintenance");
		assertThat(off.status()).isEqualTo(200);
		assertThat(off.body()).contains("\"enabled\":false");
		assertThat(maintenanceMode.isActive()).isFalse();
		assertThat(canary.calls).isEmpty();
	}

	static Stream<Arguments> endpointDeployments() {
		List<Arguments> deployments = new ArrayList<>();
		for (String server : List.of("tomcat", "jetty")) {
			deployments.add(Arguments.of(server, "", ""));
			deployments.add(Arguments.of(server, "/ctx", "/app"));
		}
		return deployments.stream();
	}

	/**
	 * Spellings of the endpoint's URI that the container resolves to the endpoint, as
	 * {@code prefix|suffix} around {@code /maintenance}: each of them carries a
	 * cross-site form (a drain, a switch off through a method override) that must change
	 * nothing.
	 */
	private static final List<String> ENDPOINT_SPELLINGS = List.of("{ctx}{app}/actuator|", "{ctx};x{app}/actuator|",
			"{ctx}/.{app}/actuator|", "{ctx}/x/..{app}/actuator|", "{ctx}{app}/actuator;x|", "{ctx}{app}/./actuator|",
			"{ctx}{app}/actuator|;x", "{ctx}{app}/%61ctuator|", "{ctx}{app}/actuator/x/..|");

	@ParameterizedTest(name = "{0}, context path ''{1}'', servlet path ''{2}''")
	@MethodSource("endpointDeployments")
	void noSpellingOfTheEndpointTakesAFormWrite(String server, String contextPath, String servletPath)
			throws Exception {
		start(server, contextPath, servletPath, "/actuator", false, "spring.mvc.hiddenmethod.filter.enabled=true");
		MaintenanceMode maintenanceMode = this.context.getBean(MaintenanceMode.class);
		InstanceDrain drain = this.context.getBean(InstanceDrain.class);
		List<String> answers = new ArrayList<>();
		int changed = 0;
		for (boolean on : List.of(false, true)) {
			if (on) {
				maintenanceMode.enable("Upgrade");
			}
			MaintenanceState before = maintenanceMode.status();
			for (String spelling : ENDPOINT_SPELLINGS) {
				if (contextPath.isEmpty() && spelling.startsWith("{ctx};")) {
					continue;
				}
				String[] parts = spelling.replace("{ctx}", contextPath).replace("{app}", servletPath).split("\\|", -1);
				String endpoint = parts[0] + "/maintenance" + parts[1];
				String drainUri = parts[0] + "/maintenance/drain" + parts[1];
				for (String[] write : List.of(new String[] { "POST " + drainUri, "" },
						new String[] { "POST " + endpoint, "_method=DELETE" },
						new String[] { "POST " + endpoint, on ? "enabled=false" : "enabled=true&reason=x" })) {
					Response answer = send(write[0], "application/json", "application/x-www-form-urlencoded", write[1]);
					answers.add(write[0] + " " + write[1] + " -> " + answer.status());
					// 415 or 400 from the write checks, 503 from maintenance itself
					assertThat(answer.status()).as(write[0] + " " + write[1]).isIn(400, 415, 503);
					changed += (drain.isDraining() || !maintenanceMode.status().equals(before)) ? 1 : 0;
				}
			}
		}
		assertThat(changed).as("form writes that changed something: %s", answers).isZero();
		System.out.printf("endpoint spellings on %s (context '%s', servlet '%s'): %d form writes tried, "
				+ "0 changed anything%n", server, contextPath, servletPath, answers.size());

		// the JSON writes the endpoint documents still work under the same deployment
		String actuator = contextPath + servletPath + "/actuator";
		assertThat(
				send("POST " + actuator + "/maintenance/drain", "application/json", "application/json", "{}").status())
			.isBetween(200, 299);
		assertThat(drain.isDraining()).isTrue();
		assertThat(send("DELETE " + actuator + "/maintenance").status()).isEqualTo(200);
		assertThat(maintenanceMode.isActive()).isFalse();
	}

	private void start(String server, String contextPath, String servletPath, String basePath, boolean additionalPaths,
			String... extraProperties) {
		this.context = new SpringApplicationBuilder(Application.class).logStartupInfo(false)
			.properties(extraProperties)
			.properties("server.port=0", "server.address=127.0.0.1",
					"spring.autoconfigure.exclude=" + (server.equals("tomcat") ? JETTY : TOMCAT),
					"server.servlet.context-path=" + contextPath,
					"spring.mvc.servlet.path=" + (servletPath.isEmpty() ? "/" : servletPath),
					"management.endpoints.web.base-path=" + basePath,
					"management.endpoints.web.exposure.include=health,maintenance,ops",
					"management.endpoint.maintenance.access=unrestricted",
					"management.endpoint.health.probes.enabled=true",
					"management.endpoint.health.probes.add-additional-paths=" + additionalPaths,
					"maintenance.allow.paths=/public/**")
			.run();
		String factory = ((WebServerApplicationContext) this.context).getWebServer().getClass().getSimpleName();
		assertThat(factory).containsIgnoringCase(server);
	}

	private Response send(String requestLine) throws IOException {
		return send(requestLine, "application/json");
	}

	private Response send(String requestLine, String accept) throws IOException {
		return send(requestLine, accept, "application/json", "{\"text\":\"stored?\"}");
	}

	private Response send(String requestLine, String accept, String contentType, String content) throws IOException {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			byte[] body = content.getBytes(StandardCharsets.UTF_8);
			String head = requestLine + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\n" + "Content-Type: "
					+ contentType + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			String text = response.toString(StandardCharsets.UTF_8);
			int status = Integer.parseInt(text.substring(9, 12));
			int start = text.indexOf("\r\n\r\n");
			return new Response(status, (start >= 0) ? text.substring(start + 4) : "");
		}
	}

	private record Response(int status, String body) {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration" })
	static class Application {

		@org.springframework.context.annotation.Bean
		Canary canary() {
			return new Canary();
		}

		@org.springframework.context.annotation.Bean
		OpsEndpoint opsEndpoint() {
			return new OpsEndpoint();
		}

	}

	/**
	 * An actuator endpoint of the older, annotated-controller kind.
	 */
	@SuppressWarnings("removal")
	@org.springframework.boot.actuate.endpoint.web.annotation.ControllerEndpoint(id = "ops")
	static class OpsEndpoint {

		@org.springframework.web.bind.annotation.GetMapping
		@org.springframework.web.bind.annotation.ResponseBody
		String ops() {
			return "ops";
		}

	}

	/**
	 * The application's controllers: every request they see is recorded.
	 */
	@RestController
	static class Canary {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@PostMapping("/api/notes")
		String store(HttpServletRequest request) {
			this.calls.add("stored " + request.getRequestURI());
			return "stored";
		}

		@RequestMapping("/**")
		String catchAll(HttpServletRequest request) {
			this.calls.add(request.getMethod() + " " + request.getRequestURI());
			return "caught";
		}

	}

}
