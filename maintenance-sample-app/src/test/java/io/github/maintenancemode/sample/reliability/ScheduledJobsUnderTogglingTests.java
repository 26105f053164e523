package io.github.maintenancemode.sample.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.sample.SampleJob;
import io.github.maintenancemode.scheduling.SkipInMaintenance;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled jobs while maintenance is switched on and off through the actuator again and
 * again: a skipped run never executes later, a catch-up job catches up once per
 * maintenance and never while maintenance is on, a job never overlaps itself, and the
 * running-jobs count returns to zero. The scheduler has four threads, so that two runs of
 * one job could overlap if the starter let them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.job.interval=20ms", "spring.task.scheduling.pool.size=4" })
class ScheduledJobsUnderTogglingTests {

	private static final int TOGGLES = 40;

	private static final String CATCH_UP_THREAD = "maintenance-catch-up-";

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenanceMode;

	@Autowired
	private MaintenanceActivity activity;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ProbeJob probe;

	@Autowired
	private CatchUpProbeJob catchUpProbe;

	@Autowired
	private GateJob gate;

	@Autowired
	private SampleJob sampleJob;

	@AfterEach
	void switchOff() {
		this.gate.open();
		this.maintenanceMode.disable();
	}

	@Test
	void skippedRunsNeverRunLateNorTwiceAndRunningJobsReturnsToZero() {
		ReliabilityHttp http = new ReliabilityHttp(this.port);
		long startVersion = this.maintenanceMode.status().version();
		Set<Long> onVersions = new HashSet<>();
		List<Long> offVersions = new ArrayList<>();
		for (int toggle = 0; toggle < TOGGLES; toggle++) {
			if (toggle % 2 == 0) {
				double skipped = skipped("ProbeJob.run");
				double catchUpSkipped = skipped("CatchUpProbeJob.run");
				assertThat(
						http.admin("POST", "{\"enabled\": true, \"reason\": \"Toggle " + toggle + "\"}").statusCode())
					.isEqualTo(200);
				onVersions.add(this.maintenanceMode.status().version());
				await().atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(2))
					.until(() -> skipped("ProbeJob.run") >= skipped + 2
							&& skipped("CatchUpProbeJob.run") >= catchUpSkipped + 2);
			}
			else {
				int runs = this.probe.runs().size();
				int catchUps = this.catchUpProbe.catchUps();
				assertThat(http.admin("DELETE", null).statusCode()).isEqualTo(200);
				long off = this.maintenanceMode.status().version();
				offVersions.add(off);
				await().atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(2))
					.until(() -> this.probe.runs().size() >= runs + 2
							&& (this.catchUpProbe.catchUps() > catchUps || this.catchUpProbe.ranIn(off)));
			}
		}
		assertThat(http.admin("POST", "{\"enabled\": true, \"reason\": \"Quiet at last\"}").statusCode())
			.isEqualTo(200);
		onVersions.add(this.maintenanceMode.status().version());
		await().atMost(Duration.ofSeconds(5)).until(() -> http.admin("GET", null).body().contains("\"runningJobs\":0"));
		AtomicLong lastSeen = new AtomicLong(-1);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(60))
			.until(() -> lastSeen.getAndSet(this.sampleJob.runs()) == this.sampleJob.runs()
					&& this.activity.runningJobs() == 0);
		long sampleRunsWhileOn = this.sampleJob.runs();
		// the scheduler fires the job twice more and both are skipped: an event that the
		// wait observes, not a quiet period
		double sampleSkipped = skipped("SampleJob.run");
		await().atMost(Duration.ofSeconds(10)).until(() -> skipped("SampleJob.run") >= sampleSkipped + 2);
		// the probes keep firing on four threads, and a skip counts as running for the
		// instant it takes: the count returns to zero between them
		await().atMost(Duration.ofSeconds(5)).until(() -> this.activity.runningJobs() == 0);
		assertThat(this.sampleJob.runs()).isEqualTo(sampleRunsWhileOn);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(http.admin("GET", null).body()).contains("\"runningJobs\":0",
					"\"quiescent\":true"));
		int catchUps = this.catchUpProbe.catchUps();
		assertThat(http.admin("DELETE", null).statusCode()).isEqualTo(200);
		long lastOff = this.maintenanceMode.status().version();
		offVersions.add(lastOff);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.sampleJob.runs() > sampleRunsWhileOn
					&& (this.catchUpProbe.catchUps() > catchUps || this.catchUpProbe.ranIn(lastOff)));

		List<Run> probeRuns = since(startVersion, this.probe.runs());
		List<Run> catchUpRuns = since(startVersion, this.catchUpProbe.runs());
		Map<Long, Long> probeRunsPerOnVersion = countByVersion(probeRuns, onVersions);
		Map<Long, Long> catchUpsPerOffVersion = catchUpRuns.stream()
			.filter((run) -> run.thread().startsWith(CATCH_UP_THREAD))
			.collect(Collectors.groupingBy(Run::version, Collectors.counting()));
		System.out.printf(
				"Scheduled jobs under toggling: %d toggles; probe job ran %d times (%d at a switch on), skipped %.0f;"
						+ " catch-up job ran %d times (%d catch-ups), skipped %.0f%n",
				TOGGLES + 2, probeRuns.size(), probeRunsPerOnVersion.values().stream().mapToLong(Long::longValue).sum(),
				skipped("ProbeJob.run"), catchUpRuns.size(),
				catchUpsPerOffVersion.values().stream().mapToLong(Long::longValue).sum(),
				skipped("CatchUpProbeJob.run"));

		// a skipped run that executed later would run outside any firing of
		// the scheduler, or inside another one, which would then hold two runs
		assertThat(probeRuns).as("runs of a job without catch-up, each in a firing of the scheduler")
			.allSatisfy((run) -> assertThat(run.firing()).isPositive());
		assertThat(probeRuns.stream().map(Run::firing).distinct().count()).as("firings that ran the job twice")
			.isEqualTo(probeRuns.size());
		assertThat(catchUpRuns.stream().filter((run) -> run.firing() > 0).map(Run::firing).distinct().count())
			.as("firings that ran the catch-up job twice")
			.isEqualTo(catchUpRuns.stream().filter((run) -> run.firing() > 0).count());
		assertThat(catchUpRuns.stream().filter((run) -> run.firing() < 0))
			.as("runs of the catch-up job outside the scheduler: the catch-ups")
			.allSatisfy((run) -> assertThat(run.thread()).startsWith(CATCH_UP_THREAD));
		assertThat(probeRunsPerOnVersion).as("runs begun while maintenance was on, per switch on")
			.allSatisfy((version, count) -> assertThat(count).isLessThanOrEqualTo(1));
		assertThat(countByVersion(catchUpRuns, onVersions)).as("catch-up job runs begun while maintenance was on")
			.allSatisfy((version, count) -> assertThat(count).isLessThanOrEqualTo(1));
		assertThat(catchUpsPerOffVersion.keySet()).as("catch-ups happen only after maintenance ends")
			.isSubsetOf(offVersions);
		// a catch-up that finds the job running already is dropped, since that run does
		// the work: some ends of maintenance may have none
		assertThat(catchUpsPerOffVersion).as("catch-ups per end of maintenance")
			.isNotEmpty()
			.allSatisfy((version, count) -> assertThat(count).isOne());
		assertThat(offVersions).as("ends of maintenance after which the catch-up job did not run")
			.allSatisfy((version) -> assertThat(this.catchUpProbe.ranIn(version)).isTrue());
		assertThat(this.probe.maxConcurrency()).as("concurrent runs of one job").isOne();
		assertThat(this.activity.runningJobs()).isZero();
	}

	@Test
	void jobRunningWhenMaintenanceBeginsFinishesAndIsCountedUntilThen() throws Exception {
		ReliabilityHttp http = new ReliabilityHttp(this.port);
		CountDownLatch entered = this.gate.close();
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(http.admin("POST", "{\"enabled\": true, \"reason\": \"Job in flight\"}").statusCode())
			.isEqualTo(200);
		// the probe jobs, skipped now, count for the instant a skip takes: the
		// gate job is the one that stays
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(http.admin("GET", null).body()).contains("\"runningJobs\":1",
					"\"quiescent\":false"));
		int finished = this.gate.finished();
		this.gate.open();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.gate.finished() == finished + 1);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(http.admin("GET", null).body()).contains("\"runningJobs\":0",
					"\"quiescent\":true"));
		double gateSkipped = skipped("GateJob.run");
		await().atMost(Duration.ofSeconds(10)).until(() -> skipped("GateJob.run") >= gateSkipped + 2);
		assertThat(this.gate.finished()).as("runs of the gate job while maintenance is on").isEqualTo(finished + 1);
	}

	private double skipped(String job) {
		Counter counter = this.meters.find("maintenance.jobs.skipped").tag("job", job).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<Run> since(long version, List<Run> runs) {
		return runs.stream().filter((run) -> run.version() > version).toList();
	}

	private static Map<Long, Long> countByVersion(List<Run> runs, Set<Long> versions) {
		return runs.stream()
			.filter((run) -> run.enabled() && versions.contains(run.version()))
			.collect(Collectors.groupingBy(Run::version, Collectors.counting()));
	}

	/**
	 * One run of a probe job: the thread it ran on, the scheduler's firing it ran in and
	 * the state it saw when it began.
	 *
	 * @param thread the thread name
	 * @param firing the number of the scheduler's firing that ran it, or {@code -1} when
	 * it ran outside any firing of the scheduler
	 * @param enabled whether maintenance was on
	 * @param version the version of the state
	 */
	record Run(String thread, long firing, boolean enabled, long version) {

		static Run now(MaintenanceMode maintenanceMode) {
			MaintenanceState state = maintenanceMode.status();
			Long firing = Firings.CURRENT.get();
			return new Run(Thread.currentThread().getName(), (firing != null) ? firing : -1, state.enabled(),
					state.version());
		}

	}

	/**
	 * Numbers every task the scheduler runs, so that a run can tell which firing of the
	 * scheduler it belongs to, if any.
	 */
	static final class Firings implements TaskDecorator {

		static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

		private final AtomicLong next = new AtomicLong();

		@Override
		public Runnable decorate(Runnable task) {
			return () -> {
				CURRENT.set(this.next.incrementAndGet());
				try {
					task.run();
				}
				finally {
					CURRENT.remove();
				}
			};
		}

	}

	/**
	 * A job that records its runs; skipped while maintenance is on.
	 */
	static class ProbeJob {

		private final MaintenanceMode maintenanceMode;

		private final List<Run> runs = new CopyOnWriteArrayList<>();

		private final AtomicInteger concurrency = new AtomicInteger();

		private final AtomicInteger maxConcurrency = new AtomicInteger();

		ProbeJob(MaintenanceMode maintenanceMode) {
			this.maintenanceMode = maintenanceMode;
		}

		List<Run> runs() {
			return List.copyOf(this.runs);
		}

		int maxConcurrency() {
			return this.maxConcurrency.get();
		}

		@Scheduled(fixedRate = 5)
		@SkipInMaintenance
		public void run() {
			this.maxConcurrency.accumulateAndGet(this.concurrency.incrementAndGet(), Math::max);
			this.runs.add(Run.now(this.maintenanceMode));
			this.concurrency.decrementAndGet();
		}

	}

	/**
	 * A job that records its runs; skipped while maintenance is on and run once when it
	 * ends.
	 */
	static class CatchUpProbeJob {

		private final MaintenanceMode maintenanceMode;

		private final List<Run> runs = new CopyOnWriteArrayList<>();

		CatchUpProbeJob(MaintenanceMode maintenanceMode) {
			this.maintenanceMode = maintenanceMode;
		}

		List<Run> runs() {
			return List.copyOf(this.runs);
		}

		@Scheduled(fixedRate = 5)
		@SkipInMaintenance(catchUp = true)
		public void run() {
			this.runs.add(Run.now(this.maintenanceMode));
		}

		int catchUps() {
			return (int) this.runs.stream().filter((run) -> run.thread().startsWith(CATCH_UP_THREAD)).count();
		}

		/**
		 * Return whether the job ran, caught up or scheduled, while this state was served
		 * with maintenance off.
		 */
		boolean ranIn(long version) {
			return this.runs.stream().anyMatch((run) -> !run.enabled() && run.version() == version);
		}

	}

	/**
	 * A job that, when its gate is closed, waits inside its run until the gate opens.
	 */
	static class GateJob {

		private volatile @Nullable CountDownLatch gate;

		private volatile @Nullable CountDownLatch entered;

		private final AtomicInteger finished = new AtomicInteger();

		int finished() {
			return this.finished.get();
		}

		@Scheduled(fixedDelay = 10)
		@SkipInMaintenance
		public void run() throws InterruptedException {
			CountDownLatch gate = this.gate;
			CountDownLatch entered = this.entered;
			if (gate != null && entered != null) {
				entered.countDown();
				gate.await(10, TimeUnit.SECONDS);
				this.finished.incrementAndGet();
			}
		}

		CountDownLatch close() {
			CountDownLatch entered = new CountDownLatch(1);
			this.entered = entered;
			this.gate = new CountDownLatch(1);
			return entered;
		}

		void open() {
			CountDownLatch gate = this.gate;
			this.gate = null;
			this.entered = null;
			if (gate != null) {
				gate.countDown();
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Jobs {

		@Bean
		Firings firings() {
			return new Firings();
		}

		@Bean
		ProbeJob probeJob(MaintenanceMode maintenanceMode) {
			return new ProbeJob(maintenanceMode);
		}

		@Bean
		CatchUpProbeJob catchUpProbeJob(MaintenanceMode maintenanceMode) {
			return new CatchUpProbeJob(maintenanceMode);
		}

		@Bean
		GateJob gateJob() {
			return new GateJob();
		}

	}

}
