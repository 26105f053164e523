package io.github.maintenancemode.sample;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A slow request, to watch work in flight finish when maintenance begins.
 */
@RestController
class SlowController {

	private static final long MAX_MILLIS = 10_000;

	@GetMapping("/api/slow")
	ResponseEntity<Map<String, Long>> slow(@RequestParam(defaultValue = "2000") long millis)
			throws InterruptedException {
		if (millis < 0 || millis > MAX_MILLIS) {
			return ResponseEntity.badRequest().build();
		}
		Thread.sleep(millis);
		return ResponseEntity.ok(Map.of("slept", millis));
	}

}
