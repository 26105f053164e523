package io.github.maintenancemode.sample.webflux;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports how often the sample job ran.
 */
@RestController
class JobRunsController {

	private final SampleJob job;

	JobRunsController(SampleJob job) {
		this.job = job;
	}

	@GetMapping("/api/job-runs")
	Map<String, Long> runs() {
		return Map.of("runs", this.job.runs());
	}

}
