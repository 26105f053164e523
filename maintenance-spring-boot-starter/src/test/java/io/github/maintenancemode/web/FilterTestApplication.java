package io.github.maintenancemode.web;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.MutableClock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal application for the filter tests, with a clock the tests move. The nested
 * controller is registered as a member class. Spring Security is left out here; the
 * sample application's tests run the filter in front of it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration" })
class FilterTestApplication {

	static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");

	@Bean
	MutableClock clock() {
		return new MutableClock(NOW);
	}

	@Controller
	static class BannerController {

		@GetMapping("/banner")
		String banner() {
			return "banner-page";
		}

	}

	@RestController
	static class HelloController {

		final AtomicInteger calls = new AtomicInteger();

		@GetMapping({ "/hello", "/open/hello" })
		String hello() {
			this.calls.incrementAndGet();
			return "hello";
		}

		@PostMapping("/hello")
		String post() {
			this.calls.incrementAndGet();
			return "posted";
		}

		@GetMapping("/css/admin/{name}")
		String styleSheetLookalike() {
			this.calls.incrementAndGet();
			return "not a style sheet";
		}

		@PostMapping("/search")
		@AllowInReadOnly
		String search() {
			return "found";
		}

	}

}
