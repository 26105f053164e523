package io.github.maintenancemode.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
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
 * MockMvc tests of the filter's response options: status, redirect and template.
 */
class MaintenanceFilterOptionsTests {

	abstract static class Base {

		@Autowired
		MockMvcTester mvc;

		@Autowired
		MaintenanceMode maintenanceMode;

		@AfterEach
		void switchOff() {
			this.maintenanceMode.disable();
		}

	}

	@Nested
	@SpringBootTest(classes = FilterTestApplication.class,
			properties = { "maintenance.response.status=500", "maintenance.retry-after=90s" })
	@AutoConfigureMockMvc
	class ConfiguredStatus extends Base {

		@Test
		void responseUsesTheConfiguredStatusAndRetryAfter() {
			this.maintenanceMode.enable("Upgrade");
			assertThat(this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON))
				.hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
				.hasHeader("Retry-After", "90")
				.bodyJson()
				.extractingPath("$.status")
				.isEqualTo(500);
		}

	}

	@Nested
	@SpringBootTest(classes = FilterTestApplication.class,
			properties = "maintenance.response.redirect-url=https://status.example.com/")
	@AutoConfigureMockMvc
	class RedirectToStatusPage extends Base {

		@Test
		void browsersAreRedirected() {
			this.maintenanceMode.enable("Upgrade");
			assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML))
				.hasStatus(HttpStatus.TEMPORARY_REDIRECT)
				.hasHeader("Location", "https://status.example.com/")
				.hasHeader("Retry-After", "300")
				.hasHeader("Cache-Control", "no-store");
		}

		@Test
		void jsonClientsStillGetProblemDetails() {
			this.maintenanceMode.enable("Upgrade");
			assertThat(this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON))
				.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}

	}

	@Nested
	@SpringBootTest(classes = FilterTestApplication.class,
			properties = { "maintenance.response.json-paths=/open/**",
					"maintenance.response.problem-type=https://status.example.com/problems/maintenance" })
	@AutoConfigureMockMvc
	class JsonPaths extends Base {

		@Test
		void requestsUnderAJsonPathGetProblemJsonWhateverTheyAccept() {
			this.maintenanceMode.enable("Upgrade");
			assertThat(this.mvc.get().uri("/open/hello").accept(MediaType.TEXT_HTML))
				.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.extractingPath("$.type")
				.isEqualTo("https://status.example.com/problems/maintenance");
			assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML))
				.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
				.hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
		}

	}

	@Nested
	@SpringBootTest(classes = FilterTestApplication.class, properties = "maintenance.response.redirect-url=/hello")
	@AutoConfigureMockMvc
	class RedirectToItself extends Base {

		@Test
		void targetItselfGetsThePageInsteadOfALoop() {
			this.maintenanceMode.enable("Upgrade");
			assertThat(this.mvc.get().uri("/other").accept(MediaType.TEXT_HTML))
				.hasStatus(HttpStatus.TEMPORARY_REDIRECT)
				.hasHeader("Location", "/hello");
			assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML))
				.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
				.bodyText()
				.contains("Upgrade");
		}

	}

	@Nested
	@SpringBootTest(classes = FilterTestApplication.class,
			properties = "maintenance.response.template=custom-maintenance")
	@AutoConfigureMockMvc
	class ConfiguredTemplate extends Base {

		@Test
		void pageComesFromTheConfiguredTemplate() {
			this.maintenanceMode.enable("Upgrade <now>");
			assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML))
				.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
				.bodyText()
				.contains("Custom page: <span>Upgrade &lt;now&gt;</span>, back in <span>300</span>s");
		}

	}

	@Nested
	@SpringBootTest(classes = FilterTestApplication.class,
			properties = "spring.thymeleaf.prefix=classpath:/override-templates/")
	@AutoConfigureMockMvc
	class ApplicationTemplate extends Base {

		@Test
		void applicationsOwnMaintenanceTemplateOverridesThePage() {
			this.maintenanceMode.enable("Upgrade");
			assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_HTML)).bodyText()
				.contains("Application's own maintenance page: <span>Upgrade</span>");
		}

	}

	@Nested
	@SpringBootTest(classes = FilterTestApplication.class,
			properties = { "maintenance.response.problem-type=about:blank",
					"spring.jackson.serialization.indent-output=true" })
	@AutoConfigureMockMvc
	class ProblemDetails extends Base {

		@Test
		void withAboutBlankTheTitleIsTheStatusPhrase() {
			this.maintenanceMode.enable("Upgrade");
			MvcTestResult result = this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON).exchange();
			assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
				.bodyJson()
				.extractingPath("$.title")
				.isEqualTo("Service Unavailable");
			assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("about:blank");
			assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("Upgrade");
		}

		@Test
		void problemIsWrittenWithTheApplicationsJsonMapper() throws Exception {
			this.maintenanceMode.enable("Upgrade");
			MvcTestResult result = this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON).exchange();
			String body = result.getResponse().getContentAsString();
			assertThat(body).as("indented, as the application's mapper is configured").contains("\n  ");
			assertThat(result).bodyJson()
				.extractingPath("$.retryAfter")
				.isEqualTo(Integer.parseInt(result.getResponse().getHeader("Retry-After")));
			assertThat(result).bodyJson().extractingPath("$.mode").isEqualTo("FULL");
		}

	}

	@Nested
	@SpringBootTest(classes = FilterTestApplication.class,
			properties = { "spring.jackson.property-naming-strategy=UPPER_CAMEL_CASE",
					"spring.jackson.serialization.wrap-root-value=true",
					"spring.jackson.json.write.write-numbers-as-strings=true",
					"spring.jackson.default-property-inclusion=non_null" })
	@AutoConfigureMockMvc
	class ApplicationJsonSettingsThatWouldBreakTheRfc extends Base {

		@Test
		void problemStaysRfc9457ProblemDetails() {
			this.maintenanceMode.enable("Upgrade");
			MvcTestResult result = this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON).exchange();
			assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(503);
			assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Service unavailable for maintenance");
			assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("Upgrade");
			assertThat(result).bodyJson()
				.extractingPath("$.retryAfter")
				.isEqualTo(Integer.parseInt(result.getResponse().getHeader("Retry-After")));
			assertThat(result).bodyJson().hasPath("$.until");
		}

	}

	@Nested
	@SpringBootTest(classes = FilterTestApplication.class,
			properties = "spring.messages.basename=app-messages/messages")
	@AutoConfigureMockMvc
	class Languages extends Base {

		@Test
		void problemTitleIsInTheVisitorsLanguage() {
			this.maintenanceMode.enable(null);
			assertThat(this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON).header("Accept-Language", "de"))
				.bodyJson()
				.extractingPath("$.title")
				.isEqualTo("Dienst wegen Wartungsarbeiten nicht verfügbar");
			assertThat(this.mvc.get().uri("/hello").accept(MediaType.TEXT_PLAIN).header("Accept-Language", "ja"))
				.bodyText()
				.startsWith("メンテナンス");
		}

		@Test
		void applicationsTextOverridesOnlyTheLanguagesItIsWrittenFor() {
			this.maintenanceMode.enable("Upgrade");
			assertThat(page("en")).contains("Back shortly, from the application");
			assertThat(page("fr")).contains("De retour bientôt, de la part de l’application");
			assertThat(page("de")).as("the starter's own German, not the application's English")
				.contains("Wir sind bald wieder da")
				.doesNotContain("from the application");
			assertThat(page("sv")).as("a language neither translates gets the application's base text")
				.contains("Back shortly, from the application");
			assertThat(this.mvc.get().uri("/hello").accept(MediaType.APPLICATION_JSON).header("Accept-Language", "en"))
				.bodyJson()
				.extractingPath("$.title")
				.isEqualTo("Paused by the application");
		}

		@Test
		void datesAreWrittenInTheLanguageOfTheTexts() {
			this.maintenanceMode.enable(MaintenanceState.Mode.FULL, "Upgrade", Instant.parse("2026-12-24T18:00:00Z"),
					null);
			assertThat(page("de")).contains("lang=\"de\"").contains("24.12.2026");
			assertThat(page("sv")).as("texts in English, so is the date")
				.contains("lang=\"en\"")
				.contains("Dec 24, 2026");
		}

		private String page(String language) {
			byte[] body = this.mvc.get()
				.uri("/hello")
				.accept(MediaType.TEXT_HTML)
				.header("Accept-Language", language)
				.exchange()
				.getResponse()
				.getContentAsByteArray();
			return new String(body, StandardCharsets.UTF_8);
		}

	}

	@Nested
	@SpringBootTest(classes = FilterTestApplication.class)
	@AutoConfigureMockMvc
	class StaticResources extends Base {

		@Autowired
		FilterTestApplication.HelloController controller;

		@Test
		void staticResourcesAreServedButControllersAtTheirPathsAreNot() {
			this.maintenanceMode.enable("Upgrade");
			assertThat(this.mvc.get().uri("/css/site.css")).hasStatusOk().bodyText().contains("color");
			int calls = this.controller.calls.get();
			assertThat(this.mvc.get().uri("/css/admin/delete-everything")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(this.controller.calls).hasValue(calls);
			assertThat(this.mvc.post().uri("/css/site.css")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		}

	}

}
