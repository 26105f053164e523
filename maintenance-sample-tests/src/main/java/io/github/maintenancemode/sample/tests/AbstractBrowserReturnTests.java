package io.github.maintenancemode.sample.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor's browser (the system's headless Chromium) meets maintenance: it shows the
 * maintenance page with the reason, and when maintenance ends it goes back by itself to
 * the page it asked for. Screenshots of the page at desktop and phone width are saved
 * under {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.org.openqa.selenium.remote.service.DriverFinder=debug",
				"logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error",
				"logging.level.org.openqa.selenium.chromium.ChromiumDriver=error" })
public abstract class AbstractBrowserReturnTests {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration RETURN_LIMIT = Duration.ofSeconds(10);

	private static final String REASON = "Moving the <notes> database to a new server";

	private static final String HEADING = "We'll be back soon";

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@TempDir
	private Path profile;

	private ChromeDriver browser;

	/**
	 * Add a note, as the application would.
	 * @param text the note's text
	 */
	protected abstract void addNote(String text);

	/**
	 * The texts of the application's notes.
	 * @return the texts, oldest first
	 */
	protected abstract List<String> noteTexts();

	@BeforeEach
	void startBrowser() {
		this.browser = HeadlessChromium.start(this.profile);
	}

	@AfterEach
	void stopBrowser() {
		try {
			if (this.browser != null) {
				this.browser.quit();
			}
		}
		finally {
			this.maintenanceMode.disable();
		}
	}

	@Test
	void showsTheMaintenancePageAndReturnsToThePageByItself() {
		String home = url("/");
		this.browser.get(home);
		assertThat(heading()).isEqualTo("Notes");

		this.maintenanceMode.enable(REASON);
		this.browser.navigate().refresh();
		Instant shown = Instant.now();
		assertMaintenancePage(home);

		emulateViewport(1280, 800, false);
		assertLayout(1280, 800);
		HeadlessChromium.screenshot(this.browser, SCREENSHOTS.resolve("maintenance-desktop.png"));
		emulateViewport(390, 844, true);
		assertLayout(390, 844);
		HeadlessChromium.screenshot(this.browser, SCREENSHOTS.resolve("maintenance-phone.png"));
		this.browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

		Duration returned = switchOffAndAwaitReturn(home, "Notes", shown);
		assertThat(heading()).isEqualTo("Notes");
		assertThat(returned).isLessThanOrEqualTo(RETURN_LIMIT);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/api/notes", "/?page=2", "/#notes" })
	void returnsToTheExactUrlItAskedFor(String path) {
		String text = "Kept through maintenance " + path;
		addNote(text);
		String deep = url(path);

		this.maintenanceMode.enable(REASON);
		this.browser.get(deep);
		Instant shown = Instant.now();
		assertMaintenancePage(deep);

		Duration returned = switchOffAndAwaitReturn(deep, text, shown);
		assertThat(this.browser.getCurrentUrl()).isEqualTo(deep);
		assertThat(bodyText()).contains(text).doesNotContain(HEADING);
		assertThat(returned).isLessThanOrEqualTo(RETURN_LIMIT);
	}

	@Test
	void aRefusedFormBringsTheVisitorBackToWhatTheyTyped() {
		String home = url("/");
		String typed = "Typed while the site went read-only";
		this.browser.get(home);
		this.browser.findElement(By.id("text")).sendKeys(typed);

		this.maintenanceMode.enable(MaintenanceState.Mode.READ_ONLY, REASON, null, null);
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		awaitPage()
			.until((driver) -> driver.getCurrentUrl().equals(url("/notes")) && heading().startsWith("Changes are"));
		assertThat(bodyText()).contains("What you sent has not been saved")
			.doesNotContain("This page reloads by itself");
		assertThat(noteTexts()).doesNotContain(typed);

		this.maintenanceMode.disable();
		awaitPage()
			.withMessage(() -> "the browser did not return to the form; it shows " + this.browser.getCurrentUrl())
			.until((driver) -> home.equals(driver.getCurrentUrl()) && heading().equals("Notes"));
		assertThat(this.browser.findElement(By.id("text")).getDomProperty("value")).as("the form as it was typed")
			.isEqualTo(typed);
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		awaitPage().until((driver) -> bodyText().contains(typed) && noteTexts().contains(typed));
	}

	/**
	 * Waits for a page that is loading: its nodes go stale while they are read.
	 */
	private WebDriverWait awaitPage() {
		WebDriverWait wait = new WebDriverWait(this.browser, RETURN_LIMIT, Duration.ofMillis(50));
		wait.ignoring(StaleElementReferenceException.class).ignoring(WebDriverException.class);
		return wait;
	}

	@Test
	void whileReadOnlyTheApplicationSaysSoAndClosesItsForms() {
		this.maintenanceMode.enable(MaintenanceState.Mode.READ_ONLY, REASON, null, null);
		this.browser.get(url("/"));
		assertThat(heading()).isEqualTo("Notes");
		assertThat(this.browser.findElement(By.className("maintenance-banner")).getText())
			.startsWith("Changes are paused for maintenance")
			.contains(REASON);
		assertThat(this.browser.findElement(By.cssSelector("form button[type=submit]")).isEnabled()).isFalse();
	}

	private void assertMaintenancePage(String url) {
		assertThat(this.browser.getCurrentUrl()).isEqualTo(url);
		assertThat(this.browser.getTitle()).isEqualTo("Down for maintenance");
		assertThat(heading()).isEqualTo(HEADING);
		assertThat(this.browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
		assertThat(this.browser.findElement(By.xpath("//dt[.='Reason']/following-sibling::dd[1]")).getText())
			.isEqualTo(REASON);
		assertThat(bodyText()).contains("This page reloads by itself when the site is back.");
	}

	/**
	 * Switches maintenance off and waits for the browser to load {@code url} again by
	 * itself, showing {@code text}.
	 */
	private Duration switchOffAndAwaitReturn(String url, String text, Instant shown) {
		Instant off = Instant.now();
		this.maintenanceMode.disable();
		// the page reloads while it is read: Chromium then reports the stale node
		// either as such or as an inspector error ("Node with given id does not
		// belong to the document")
		new WebDriverWait(this.browser, RETURN_LIMIT, Duration.ofMillis(50))
			.ignoring(StaleElementReferenceException.class)
			.ignoring(WebDriverException.class)
			.withMessage(() -> "the browser did not return to " + url + " within " + RETURN_LIMIT.toSeconds()
					+ " s after maintenance ended; it shows " + this.browser.getCurrentUrl())
			.until((driver) -> url.equals(driver.getCurrentUrl()) && bodyText().contains(text)
					&& !bodyText().contains(HEADING));
		Duration returned = Duration.between(off, Instant.now());
		System.out.printf("Browser returned to %s %d ms after maintenance ended (maintenance page open %d ms)%n", url,
				returned.toMillis(), Duration.between(shown, off).toMillis());
		return returned;
	}

	/**
	 * Checks that the page fits the viewport of the given size: nothing is cut off or
	 * scrolls sideways, the card is centred and the text is of a readable size.
	 */
	private void assertLayout(int width, int height) {
		@SuppressWarnings("unchecked")
		Map<String, Number> layout = (Map<String, Number>) this.browser.executeScript("""
				var card = document.querySelector('main').getBoundingClientRect();
				var root = document.documentElement;
				return { viewportWidth: window.innerWidth, viewportHeight: window.innerHeight,
					scrollWidth: root.scrollWidth, scrollHeight: root.scrollHeight,
					left: card.left, right: card.right, top: card.top, bottom: card.bottom,
					fontSize: parseFloat(getComputedStyle(document.querySelector('main p')).fontSize) };
				""");
		System.out.printf("Maintenance page at %dx%d: %s%n", width, height, layout);
		double viewportWidth = layout.get("viewportWidth").doubleValue();
		double viewportHeight = layout.get("viewportHeight").doubleValue();
		double left = layout.get("left").doubleValue();
		double right = layout.get("right").doubleValue();
		double top = layout.get("top").doubleValue();
		double bottom = layout.get("bottom").doubleValue();
		assertThat(viewportWidth).isEqualTo(width);
		assertThat(viewportHeight).isEqualTo(height);
		assertThat(layout.get("scrollWidth").doubleValue()).as("page width").isLessThanOrEqualTo(viewportWidth);
		assertThat(layout.get("scrollHeight").doubleValue()).as("page height").isLessThanOrEqualTo(viewportHeight);
		assertThat(left).as("card's left edge").isGreaterThanOrEqualTo(0);
		assertThat(right).as("card's right edge").isLessThanOrEqualTo(viewportWidth);
		assertThat(top).as("card's top edge").isGreaterThanOrEqualTo(0);
		assertThat(bottom).as("card's bottom edge").isLessThanOrEqualTo(viewportHeight);
		assertThat(left).as("left margin equals right margin").isCloseTo(viewportWidth - right, Offset.offset(1.0));
		assertThat(top).as("top margin equals bottom margin").isCloseTo(viewportHeight - bottom, Offset.offset(1.0));
		assertThat(layout.get("fontSize").doubleValue()).as("text size in px").isGreaterThanOrEqualTo(16);
	}

	/**
	 * Gives the page a viewport of exactly the given size (a headless window's viewport
	 * is smaller than the window); {@code mobile} makes the page's viewport meta tag
	 * count, as on a phone.
	 */
	private void emulateViewport(int width, int height, boolean mobile) {
		this.browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
	}

	private String heading() {
		return this.browser.findElement(By.tagName("h1")).getText();
	}

	private String bodyText() {
		return this.browser.findElement(By.tagName("body")).getText();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
