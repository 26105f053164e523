package io.github.maintenancemode.sample.reliability;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.scheduling.SkipInMaintenance;
import io.github.maintenancemode.scheduling.SkippedJobCatchUp;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = { "sample.job.interval=1h", "spring.task.scheduling.pool.size=1" })
class CatchUpOverlapTests {

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private HeldJob job;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private SkippedJobCatchUp catchUp;

	@Test
	void catchUpRunNeverOverlapsARegularRunOfTheSameJob() {
		this.maintenanceMode.enable("Upgrade");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.meters.find("maintenance.jobs.skipped").tag("job", "HeldJob.run").counter() != null);
		CountDownLatch hold = this.job.hold();
		try {
			this.maintenanceMode.disable();
			// the catch-up was handed over (and found the job running) while the regular
			// run is still held
			await().atMost(Duration.ofSeconds(5)).until(() -> this.catchUp.pendingJobs() == 0);
			assertThat(this.job.maxConcurrency()).isLessThanOrEqualTo(1);
		}
		finally {
			hold.countDown();
			this.maintenanceMode.disable();
		}
		assertThat(this.job.maxConcurrency()).isOne();
	}

	static class HeldJob {

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger maxConcurrency = new AtomicInteger();

		private volatile @Nullable CountDownLatch hold;

		@Scheduled(fixedDelay = 10)
		@SkipInMaintenance(catchUp = true)
		public void run() throws InterruptedException {
			this.maxConcurrency.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			try {
				CountDownLatch hold = this.hold;
				if (hold != null) {
					hold.await(3, TimeUnit.SECONDS);
				}
			}
			finally {
				this.running.decrementAndGet();
			}
		}

		CountDownLatch hold() {
			CountDownLatch hold = new CountDownLatch(1);
			this.hold = hold;
			return hold;
		}

		int maxConcurrency() {
			return this.maxConcurrency.get();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Jobs {

		@Bean
		HeldJob heldJob() {
			return new HeldJob();
		}

	}

}
