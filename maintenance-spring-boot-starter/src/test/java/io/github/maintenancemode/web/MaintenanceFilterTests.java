package io.github.maintenancemode.web;

import java.time.Instant;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MutableClock;
import io.github.maintenancemode.web.FilterTestApplication.HelloController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MockMvc tests of the maintenance filter with the default response options.
 */
@SpringBootTest(classes = FilterTestApplication.class,
		properties = { "maintenance.allow.paths=/open/**", "management.endpoints.web.exposure.include=health" })
@AutoConfigureMockMvc
class MaintenanceFilterTests {

	private static final String REASON = "Database <script>alert('x')</script> & \"upgrade\"";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private HelloController controller;

	@Autowired
	private MutableClock clock;

	@AfterEach
	void switchOff() {
		this.maintenanceMode.disable();
		this.clock.set(FilterTestApplication.NOW);
	}

	@Test
	void whenOffRequestPassesThrough() {
		assertThat(this.mvc.get().uri("/hello")).hasStatusOk().hasBodyTextEqualTo("hello");
	}

	@Test
	void browsersGetThePageWithTheReasonEscaped() {
		enable(REASON, null);
		MvcTestResult result = this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML).exchange();
		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentTypeCompatibleWith(MediaType.TEXT_HTML)
			.hasHeader("Retry-After", "300")
			.hasHeader("Cache-Control", "no-store")
			.hasHeader("Vary", "Accept");
		assertThat(result).bodyText()
			.contains("<html lang=\"en\">")
			.contains("Database &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;upgrade&quot;")
			.doesNotContain("<script>alert");
		assertThat(this.controller.calls).hasValue(0);
	}

	@Test
	void jsonClientsGetProblemDetails() {
		enable(REASON, FilterTestApplication.NOW.plusSeconds(600));
		MvcTestResult result = this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON).exchange();
		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("Retry-After", "600")
			.hasHeader("Vary", "Accept");
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(503);
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(REASON);
		assertThat(result).bodyJson().extractingPath("$.title").asString().isNotBlank();
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(MaintenanceResponses.DEFAULT_PROBLEM_TYPE);
		assertThat(result).bodyJson().extractingPath("$.until").isEqualTo("2026-12-01T01:10:00Z");
		assertThat(result).bodyJson().extractingPath("$.retryAfter").isEqualTo(600);
	}

	@Test
	void otherClientsGetPlainText() {
		enable("Upgrade", null);
		MvcTestResult result = this.mvc.get().uri("/hello").header("Accept", "*/*").exchange();
		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.hasHeader("Cache-Control", "no-store");
		assertThat(result).bodyText().contains("Upgrade");
	}

	@Test
	void programsThatAcceptAnythingGetProblemJson() {
		enable("Upgrade", null);
		// what fetch() and XMLHttpRequest send
		assertThat(this.mvc.get().uri("/hello").header("Accept", "*/*").header("Sec-Fetch-Mode", "cors"))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/hello").header("X-Requested-With", "XMLHttpRequest"))
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		// a navigation, and a program that names what it wants, are answered as they ask
		assertThat(this.mvc.get().uri("/hello").header("Accept", "*/*").header("Sec-Fetch-Mode", "navigate"))
			.hasContentTypeCompatibleWith(MediaType.TEXT_PLAIN);
		assertThat(this.mvc.get().uri("/hello").header("Accept", "text/html").header("Sec-Fetch-Mode", "cors"))
			.hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
	}

	@Test
	void retryAfterCountsDownToTheExpectedEnd() {
		enable("Upgrade", FilterTestApplication.NOW.plusSeconds(120));
		assertThat(this.mvc.get().uri("/hello")).hasHeader("Retry-After", "120");
		this.clock.set(FilterTestApplication.NOW.plusSeconds(100));
		assertThat(this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON)).hasHeader("Retry-After", "20")
			.bodyJson()
			.extractingPath("$.retryAfter")
			.isEqualTo(20);
		this.clock.set(FilterTestApplication.NOW.plusSeconds(500));
		assertThat(this.mvc.get().uri("/hello")).hasHeader("Retry-After", "300");
	}

	@Test
	void germanVisitorsGetTheGermanPage() {
		enable("Upgrade", null);
		assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML).header("Accept-Language", "de-DE,de;q=0.9"))
			.bodyText()
			.contains("<html lang=\"de\">")
			.contains("Wir sind bald wieder da");
	}

	@Test
	void allowedPathsPass() {
		enable("Upgrade", null);
		assertThat(this.mvc.get().uri("/open/hello")).hasStatusOk().hasBodyTextEqualTo("hello");
	}

	@Test
	void actuatorAndHealthProbesPass() {
		enable("Upgrade", null);
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk();
	}

	@Test
	void readOnlyModeLetsReadsThroughAndRefusesWrites() {
		this.maintenanceMode.enable(MaintenanceState.Mode.READ_ONLY, null, null, null);
		assertThat(this.mvc.get().uri("/hello")).hasStatusOk();
		assertThat(this.mvc.head().uri("/hello")).hasStatusOk();
		MvcTestResult post = this.mvc.post().uri("/hello").accept(MediaType.APPLICATION_JSON).exchange();
		assertThat(post).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(post).bodyJson().extractingPath("$.title").asString().containsIgnoringCase("read-only");
		assertThat(post).bodyJson().extractingPath("$.mode").isEqualTo("READ_ONLY");
		assertThat(this.mvc.post().uri("/hello").accept(MediaType.TEXT_HTML)).bodyText()
			.contains("Changes are paused for maintenance");
		assertThat(this.mvc.put().uri("/hello")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.mvc.delete().uri("/hello")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void pageFollowsTheState() {
		enable("First reason", null);
		assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML)).bodyText().contains("First reason");
		enable("Second reason", null);
		assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML)).bodyText()
			.contains("Second reason")
			.doesNotContain("First reason");
		this.maintenanceMode.disable();
		assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML)).hasStatusOk();
	}

	private void enable(String reason, Instant until) {
		this.maintenanceMode.enable(MaintenanceState.Mode.FULL, reason, until, "test");
	}

}
