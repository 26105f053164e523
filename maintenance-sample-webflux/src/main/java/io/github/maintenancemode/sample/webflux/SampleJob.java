package io.github.maintenancemode.sample.webflux;

import java.util.concurrent.atomic.AtomicLong;

import io.github.maintenancemode.scheduling.SkipInMaintenance;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A job that touches the data every {@code sample.job.interval} and stops while
 * maintenance is on.
 */
@Component
public class SampleJob {

	private final AtomicLong runs = new AtomicLong();

	@Scheduled(fixedDelayString = "${sample.job.interval:1s}")
	@SkipInMaintenance
	public void run() {
		this.runs.incrementAndGet();
	}

	public long runs() {
		return this.runs.get();
	}

}
