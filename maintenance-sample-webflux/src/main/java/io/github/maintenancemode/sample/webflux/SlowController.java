package io.github.maintenancemode.sample.webflux;

import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A slow request, to watch work in flight finish when maintenance begins; it waits
 * without holding a thread.
 */
@RestController
class SlowController {

	private static final long MAX_MILLIS = 10_000;

	@GetMapping("/api/slow")
	Mono<ResponseEntity<Map<String, Long>>> slow(@RequestParam(defaultValue = "2000") long millis) {
		if (millis < 0 || millis > MAX_MILLIS) {
			return Mono.just(ResponseEntity.badRequest().build());
		}
		return Mono.delay(Duration.ofMillis(millis)).thenReturn(ResponseEntity.ok(Map.of("slept", millis)));
	}

}
