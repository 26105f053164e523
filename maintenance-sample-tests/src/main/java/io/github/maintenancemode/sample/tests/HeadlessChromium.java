package io.github.maintenancemode.sample.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the system's headless Chromium through the system's ChromeDriver. Both binaries
 * are given explicitly, so Selenium never looks for (or downloads) a browser or a driver
 * of its own; the paths can be changed with the system properties {@code chromium.binary}
 * and {@code chromedriver.binary}.
 */
public final class HeadlessChromium {

	static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

	static {
		// Selenium Manager is never started (the driver is given below); should it run
		// anyway, it must neither send usage statistics nor download anything
		System.setProperty("SE_AVOID_STATS", "true");
		System.setProperty("SE_OFFLINE", "true");
	}

	private HeadlessChromium() {
	}

	/**
	 * Starts a browser with a fresh profile in {@code profile} and a window of 1280x800.
	 * @param profile an empty directory for the browser's profile
	 * @return the driver
	 */
	public static ChromeDriver start(Path profile) {
		assertThat(Files.isExecutable(Path.of(CHROMIUM)))
			.withFailMessage("Chromium is missing: no executable %s. Install Debian's packages: "
					+ "apt-get install chromium chromium-driver", CHROMIUM)
			.isTrue();
		assertThat(Files.isExecutable(Path.of(CHROMEDRIVER)))
			.withFailMessage("ChromeDriver is missing: no executable %s. Install Debian's packages: "
					+ "apt-get install chromium chromium-driver", CHROMEDRIVER)
			.isTrue();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,800", "--lang=en-US");
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(30))
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Saves a screenshot of the browser's viewport.
	 * @param driver the browser
	 * @param file where to save it
	 */
	public static void screenshot(ChromeDriver driver, Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
