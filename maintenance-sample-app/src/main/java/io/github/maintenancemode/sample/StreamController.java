package io.github.maintenancemode.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A streamed, asynchronous response: lines written one by one, with a pause between them,
 * to watch a long download finish when maintenance begins.
 */
@RestController
class StreamController {

	private static final int MAX_LINES = 1_000;

	private static final long MAX_PAUSE_MILLIS = 1_000;

	@GetMapping("/api/stream")
	ResponseEntity<StreamingResponseBody> stream(@RequestParam(defaultValue = "10") int lines,
			@RequestParam(defaultValue = "100") long pauseMillis) {
		if (lines < 1 || lines > MAX_LINES || pauseMillis < 0 || pauseMillis > MAX_PAUSE_MILLIS) {
			return ResponseEntity.badRequest().build();
		}
		Duration pause = Duration.ofMillis(pauseMillis);
		StreamingResponseBody body = (out) -> {
			for (int line = 1; line <= lines; line++) {
				out.write(("line " + line + " of " + lines + "\n").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				if (line < lines) {
					pause(pause);
				}
			}
		};
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(body);
	}

	private static void pause(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
