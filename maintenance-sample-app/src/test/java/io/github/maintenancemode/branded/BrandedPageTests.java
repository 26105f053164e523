package io.github.maintenancemode.branded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.sample.tests.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maintenance page inside an application that is not the sample: a replacement page
 * built on the application's own layout, links and assets, in the language the
 * application chooses, with the application's texts where it has them and the starter's
 * elsewhere; a replacement that fails gives the starter's page. Screenshots of the
 * branded page in two languages and at phone width are saved under
 * {@code target/screenshots}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrandedPageTests {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static ConfigurableApplicationContext shop;

	@BeforeAll
	static void openShop() {
		shop = start();
	}

	@AfterAll
	static void closeShop() {
		shop.close();
	}

	@AfterEach
	void endMaintenance() {
		shop.getBean(MaintenanceMode.class).disable();
	}

	@Test
	void replacementPageIsBuiltOnTheApplicationsLayoutWithItsAssets() {
		enable("Stocktaking");
		HttpResponse<String> page = get(shop, "/shop/", "Accept", "text/html", "Accept-Language", "en");
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.body())
			.contains("class=\"shop-header\"", "href=\"/shop/css/shop.css\"", "src=\"/shop/images/logo.svg\"",
					"href=\"/shop/favicon.svg\"", "action=\"/shop/search\"")
			.contains("The shop is closed for a moment", "Stocktaking", "Sorry for the wait")
			.contains("Corner Shop, since 1987");
		for (String asset : new String[] { "/shop/css/shop.css", "/shop/images/logo.svg", "/shop/favicon.svg" }) {
			HttpResponse<String> served = get(shop, asset);
			assertThat(served.statusCode()).as(asset).isEqualTo(200);
			assertThat(served.headers().firstValue("Content-Type")).as(asset)
				.hasValueSatisfying(
						(type) -> assertThat(type).startsWith(asset.endsWith("css") ? "text/css" : "image/"));
		}
		assertThat(get(shop, "/shop/search?q=tea", "Accept", "text/html").statusCode()).isEqualTo(503);
	}

	@Test
	void languageIsTheOneTheApplicationChooses() {
		enable("Stocktaking");
		HttpResponse<String> chosen = get(shop, "/shop/?lang=de", "Accept", "text/html", "Accept-Language", "en");
		assertThat(chosen.statusCode()).isEqualTo(503);
		assertThat(chosen.body()).contains("lang=\"de\"", "Eckladen", "Wir sind bald wieder da",
				"Die Regale werden aufgefüllt");
		String session = sessionCookie(chosen);
		assertThat(session).as("the choice is kept in the session, as the application keeps it").isNotNull();
		HttpResponse<String> kept = get(shop, "/shop/", "Accept", "text/html", "Accept-Language", "en", "Cookie",
				session);
		assertThat(kept.body()).contains("lang=\"de\"", "Wir sind bald wieder da").doesNotContain("The shop is closed");

		HttpResponse<String> spanish = get(shop, "/shop/", "Accept", "text/html", "Accept-Language", "es");
		assertThat(spanish.body()).contains("lang=\"es\"", "Tienda de la Esquina", "La tienda cierra un momento");
		HttpResponse<String> english = get(shop, "/shop/", "Accept", "text/html", "Accept-Language", "en");
		assertThat(english.body()).contains("The shop is closed for a moment").doesNotContain("We'll be back soon");
	}

	@Test
	void applicationsTextsOverrideTheStartersOnlyInTheirOwnLanguages() {
		enable(null);
		assertThat(get(shop, "/shop/", "Accept", "text/html", "Accept-Language", "de").body())
			.as("German: the application has no German heading, so the starter's German one")
			.contains("Wir sind bald wieder da")
			.doesNotContain("The shop is closed");
		assertThat(get(shop, "/shop/", "Accept", "text/html", "Accept-Language", "fr").body())
			.as("French: neither has the shop's texts in French, the starter has its page's")
			.contains("Nous serons bientôt de retour")
			.doesNotContain("The shop is closed");
		assertThat(get(shop, "/shop/", "Accept", "text/html", "Accept-Language", "es").body())
			.contains("La tienda cierra un momento");
	}

	@Test
	void noVisitorsRequestReachesThePageServedToOthers() {
		enable("Stocktaking");
		HttpResponse<String> first = get(shop, "/shop/search?q=secret-4711", "Accept", "text/html", "Accept-Language",
				"en", "Cookie", "JSESSIONID=visitor-session-0815");
		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(first.body()).doesNotContain("secret-4711", "visitor-session-0815", "jsessionid");
		HttpResponse<String> second = get(shop, "/shop/", "Accept", "text/html", "Accept-Language", "en");
		assertThat(second.body()).isEqualTo(first.body());
	}

	@Test
	void replacementThatFailsGivesTheStartersPageAndOneWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext broken = start("maintenance.response.template=broken-maintenance")) {
			broken.getBean(MaintenanceMode.class).enable("Stocktaking");
			for (int i = 0; i < 5; i++) {
				HttpResponse<String> page = get(broken, "/shop/", "Accept", "text/html", "Accept-Language", "en");
				assertThat(page.statusCode()).isEqualTo(503);
				assertThat(page.body()).contains("Stocktaking", "This page reloads by itself")
					.doesNotContain("shop-header");
			}
		}
		assertThat(StringUtils.countOccurrencesOf(output.getOut(), "failed to render")).isEqualTo(1);
		Matcher warning = Pattern.compile("(?m)^.*failed to render.*$").matcher(output.getOut());
		assertThat(warning.find()).isTrue();
		assertThat(warning.group()).contains("WARN", "broken-maintenance", "no-such-layout");
		assertThat(output.getOut().substring(warning.end())).as("no stack trace").doesNotContain("\tat org.thymeleaf");
	}

	@Test
	void brandedPageInTwoLanguagesAndAtPhoneWidth(@TempDir Path profile) {
		enable("Stocktaking");
		ChromeDriver browser = HeadlessChromium.start(profile);
		try {
			browser.get(url(shop, "/shop/"));
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("The shop is closed for a moment");
			assertThat(browser.findElement(By.className("shop-header")).getCssValue("background-color"))
				.as("the application's style sheet applies")
				.isEqualTo("rgba(122, 46, 31, 1)");
			assertThat(browser.executeScript("return document.querySelector('img').naturalWidth > 0"))
				.as("the logo loads")
				.isEqualTo(true);
			HeadlessChromium.screenshot(browser, SCREENSHOTS.resolve("branded-en-desktop.png"));
			browser.get(url(shop, "/shop/?lang=de"));
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Wir sind bald wieder da");
			HeadlessChromium.screenshot(browser, SCREENSHOTS.resolve("branded-de-desktop.png"));
			browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
			browser.navigate().refresh();
			assertThat(browser.findElement(By.className("shop-footer")).getText()).isEqualTo("Eckladen, seit 1987");
			Number scrollWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
			assertThat(scrollWidth.intValue()).as("nothing scrolls sideways on a phone").isLessThanOrEqualTo(390);
			HeadlessChromium.screenshot(browser, SCREENSHOTS.resolve("branded-de-phone.png"));
		}
		finally {
			browser.quit();
		}
	}

	private static void enable(String reason) {
		shop.getBean(MaintenanceMode.class).enable(reason);
	}

	private static ConfigurableApplicationContext start(String... extra) {
		return new SpringApplicationBuilder(BrandedApplication.class).properties(BrandedApplication.PROPERTIES)
			.properties("server.port=0", "server.address=127.0.0.1")
			.properties(extra)
			.run();
	}

	private static String url(ConfigurableApplicationContext context, String path) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + path;
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(context, path)))
			.timeout(Duration.ofSeconds(10));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String sessionCookie(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.findFirst()
			.orElse(null);
	}

}
