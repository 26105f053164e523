package io.github.maintenancemode.web.reactive;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.MutableClock;
import io.github.maintenancemode.web.AllowInReadOnly;
import io.github.maintenancemode.web.MaintenanceNotice;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * A minimal WebFlux application on Netty for the reactive filter's tests, with a clock
 * the tests move. Spring Security is left out; {@link MaintenanceRoleWebFilterTests} adds
 * it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
class ReactiveTestApplication {

	static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");

	@Bean
	MutableClock clock() {
		return new MutableClock(NOW);
	}

	@Bean
	NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
		return new NettyReactiveWebServerFactory();
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

		@PostMapping("/search")
		@AllowInReadOnly
		String search() {
			return "found";
		}

		@GetMapping("/css/admin/{name}")
		String styleSheetLookalike() {
			this.calls.incrementAndGet();
			return "not a style sheet";
		}

		@GetMapping("/notice")
		String notice(ServerWebExchange exchange) {
			MaintenanceNotice notice = exchange.getAttribute(MaintenanceNotice.ATTRIBUTE);
			return (notice != null) ? "notice: " + notice.reason() : "none";
		}

		@GetMapping("/session")
		Mono<String> session(ServerWebExchange exchange) {
			return exchange.getSession().map((session) -> {
				session.getAttributes().put("visited", true);
				return "session";
			});
		}

		@GetMapping("/slow")
		Mono<String> slow() {
			return Mono.delay(Duration.ofMillis(1500)).thenReturn("slow");
		}

	}

}
