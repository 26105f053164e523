package io.github.maintenancemode.scheduling;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.autoconfigure.MaintenanceSchedulingAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.autoproxy.DefaultAdvisorAutoProxyCreator;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SkipInMaintenance} as applied by
 * {@link MaintenanceSchedulingAutoConfiguration}.
 */
class SkipInMaintenanceTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MaintenanceAutoConfiguration.class, MaintenanceSchedulingAutoConfiguration.class))
		.withBean(AnnotatedJobs.class)
		.withBean(AnnotatedClassJobs.class)
		.withBean(PlainJobs.class)
		.withBean(CatchUpJobs.class)
		.withBean(MaintenanceJobs.class)
		.withBean(SparedClassJobs.class)
		.withBean(Listeners.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void listenerMethodAnnotatedToPauseWithItsContainerIsNeverSkippedAsAJob() {
		// skipping it would acknowledge its message unprocessed: its container
		// pauses instead
		this.runner.run((context) -> {
			Listeners listeners = context.getBean(Listeners.class);
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			listeners.onMessage("order");
			assertThat(listeners.received()).isEqualTo(1);
		});
	}

	@Test
	void annotatedJobRunsWhileOffAndIsSkippedWhileOn() {
		this.runner.run((context) -> {
			AnnotatedJobs jobs = context.getBean(AnnotatedJobs.class);
			MaintenanceMode mode = context.getBean(MaintenanceMode.class);
			jobs.job();
			assertThat(jobs.runs()).isEqualTo(1);
			mode.enable("Upgrade");
			jobs.job();
			jobs.job();
			assertThat(jobs.runs()).isEqualTo(1);
			mode.disable();
			jobs.job();
			assertThat(jobs.runs()).isEqualTo(2);
		});
	}

	@Test
	void skippedRunsAreCountedPerJob() {
		this.runner.run((context) -> {
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			context.getBean(AnnotatedJobs.class).job();
			context.getBean(AnnotatedJobs.class).job();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("maintenance.jobs.skipped").tag("job", "AnnotatedJobs.job").counter().count())
				.isEqualTo(2);
		});
	}

	@Test
	void classAnnotationCoversItsScheduledMethodsOnly() {
		this.runner.run((context) -> {
			AnnotatedClassJobs jobs = context.getBean(AnnotatedClassJobs.class);
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			jobs.scheduled();
			jobs.helper();
			assertThat(jobs.scheduledRuns()).isZero();
			assertThat(jobs.helperRuns()).isEqualTo(1);
		});
	}

	@Test
	void unannotatedJobsRunUnlessSkipAll() {
		this.runner.run((context) -> {
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			context.getBean(PlainJobs.class).job();
			assertThat(context.getBean(PlainJobs.class).runs()).isEqualTo(1);
			assertThat(AopUtils.isAopProxy(context.getBean(PlainJobs.class))).isFalse();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "maintenance.scheduling.skip-all", "maintenance.scheduling.skipAll",
			"maintenance.scheduling.skip_all" })
	void skipAllSkipsEveryScheduledJob(String key) {
		this.runner.withPropertyValues(key + "=true").run((context) -> {
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			PlainJobs jobs = context.getBean(PlainJobs.class);
			jobs.job();
			jobs.notScheduled();
			assertThat(jobs.runs()).isZero();
			assertThat(jobs.otherRuns()).isEqualTo(1);
		});
	}

	@Test
	void jobsMarkedToRunInMaintenanceRunEvenWhenSkipAll() {
		this.runner.withPropertyValues("maintenance.scheduling.skip-all=true").run((context) -> {
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			MaintenanceJobs jobs = context.getBean(MaintenanceJobs.class);
			jobs.migration();
			jobs.report();
			jobs.cleanUp();
			context.getBean(SparedClassJobs.class).job();
			assertThat(jobs.migrationRuns()).as("@RunInMaintenance on the method").isEqualTo(1);
			assertThat(jobs.cleanUpRuns()).as("@RunInMaintenance on the method, @SkipInMaintenance on the class")
				.isEqualTo(1);
			assertThat(jobs.reportRuns()).as("read-only job in full maintenance").isZero();
			assertThat(context.getBean(SparedClassJobs.class).runs()).as("@RunInMaintenance on the class").isEqualTo(1);
			assertThat(context.getBean(PlainJobs.class)).satisfies((plain) -> {
				plain.job();
				assertThat(plain.runs()).as("every other job is skipped").isZero();
			});
		});
	}

	@Test
	void jobsAllowedInReadOnlyRunInReadOnlyMaintenanceOnly() {
		this.runner.run((context) -> {
			MaintenanceMode mode = context.getBean(MaintenanceMode.class);
			MaintenanceJobs jobs = context.getBean(MaintenanceJobs.class);
			mode.enable(MaintenanceState.Mode.READ_ONLY, "Reports only", null, null);
			jobs.report();
			context.getBean(AnnotatedJobs.class).job();
			assertThat(jobs.reportRuns()).isEqualTo(1);
			assertThat(context.getBean(AnnotatedJobs.class).runs()).as("an annotated job without runInReadOnly")
				.isZero();
			mode.enable(MaintenanceState.Mode.FULL, "Everything", null, null);
			jobs.report();
			assertThat(jobs.reportRuns()).isEqualTo(1);
		});
	}

	@Test
	void jobAlreadyRunningFinishesAndCountsAsRunning() throws Exception {
		this.runner.run((context) -> {
			AnnotatedJobs jobs = context.getBean(AnnotatedJobs.class);
			MaintenanceActivity activity = context.getBean(MaintenanceActivity.class);
			Thread runner = new Thread(jobs::slowJob);
			runner.start();
			assertThat(jobs.awaitStarted()).isTrue();
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			assertThat(activity.runningJobs()).isEqualTo(1);
			jobs.release();
			runner.join(5000);
			assertThat(jobs.slowRuns()).isEqualTo(1);
			await().untilAsserted(() -> assertThat(activity.runningJobs()).isZero());
		});
	}

	@Test
	void skippedCatchUpJobRunsOnceWhenMaintenanceEnds() {
		this.runner.run((context) -> {
			CatchUpJobs jobs = context.getBean(CatchUpJobs.class);
			AnnotatedJobs plain = context.getBean(AnnotatedJobs.class);
			MaintenanceMode mode = context.getBean(MaintenanceMode.class);
			mode.enable("Upgrade");
			jobs.job();
			jobs.job();
			jobs.job();
			plain.job();
			assertThat(jobs.runs()).isZero();
			assertThat(context.getBean(SkippedJobCatchUp.class).pendingJobs()).isEqualTo(1);
			mode.disable();
			await().atMost(Duration.ofSeconds(5)).until(() -> jobs.runs() == 1);
			// nothing is left to catch up, so no second run can come
			assertThat(context.getBean(SkippedJobCatchUp.class).pendingJobs()).isZero();
			assertThat(jobs.runs()).isOne();
			assertThat(plain.runs()).isZero();
		});
	}

	@Test
	void catchUpJobNotSkippedDoesNotRunAgain() {
		this.runner.run((context) -> {
			CatchUpJobs jobs = context.getBean(CatchUpJobs.class);
			MaintenanceMode mode = context.getBean(MaintenanceMode.class);
			mode.enable("Upgrade");
			assertThat(context.getBean(SkippedJobCatchUp.class).pendingJobs()).isZero();
			mode.disable();
			// nothing was skipped, so nothing is handed to the catch-up
			assertThat(context.getBean(SkippedJobCatchUp.class).pendingJobs()).isZero();
			assertThat(jobs.runs()).isZero();
		});
	}

	@Test
	void applicationsOwnProxiesKeepTheirKindAndItsAdviceComesAfterTheSkip() {
		// an application that proxies through interfaces, with advice of its own on a
		// job (a transaction, say) and on a service; its auto-proxy creator comes first,
		// as those that Spring registers do
		this.runner.withBean(DefaultAdvisorAutoProxyCreator.class, () -> {
			DefaultAdvisorAutoProxyCreator creator = new DefaultAdvisorAutoProxyCreator();
			creator.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return creator;
		}).withBean(CountingAdvisor.class).withBean(AdvisedJobs.class).withBean(Greeter.class).run((context) -> {
			assertThat(AopUtils.isJdkDynamicProxy(context.getBean(Greeting.class))).isTrue();
			AdvisedJobs jobs = context.getBean(AdvisedJobs.class);
			CountingAdvisor advice = context.getBean(CountingAdvisor.class);
			// one proxy, the application's, with the skip added first
			assertThat(AopUtils.isCglibProxy(jobs)).isTrue();
			assertThat(((Advised) jobs).getAdvisors()[0]).isInstanceOf(SkipInMaintenanceAdvisor.class);
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			jobs.job();
			assertThat(jobs.runs()).isZero();
			int calls = advice.calls.get();
			context.getBean(MaintenanceMode.class).disable();
			jobs.job();
			assertThat(jobs.runs()).isOne();
			assertThat(advice.calls.get()).isGreaterThan(calls);
			// the skipped run reached no advice of the application
			assertThat(advice.jobCalls.get()).isOne();
		});
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("maintenance.scheduling.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SkipInMaintenancePostProcessor.class);
			context.getBean(MaintenanceMode.class).enable("Upgrade");
			context.getBean(AnnotatedJobs.class).job();
			assertThat(context.getBean(AnnotatedJobs.class).runs()).isEqualTo(1);
		});
	}

	/**
	 * Jobs annotated per method. The beans are proxies: tests read the state through
	 * methods, which reach the target.
	 */
	static class AnnotatedJobs {

		private final AtomicInteger runs = new AtomicInteger();

		private final AtomicInteger slowRuns = new AtomicInteger();

		private final CountDownLatch started = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		public int runs() {
			return this.runs.get();
		}

		public int slowRuns() {
			return this.slowRuns.get();
		}

		public boolean awaitStarted() throws InterruptedException {
			return this.started.await(5, TimeUnit.SECONDS);
		}

		public void release() {
			this.release.countDown();
		}

		@Scheduled(fixedDelay = 3_600_000, initialDelay = 3_600_000)
		@SkipInMaintenance
		public void job() {
			this.runs.incrementAndGet();
		}

		@SkipInMaintenance
		public void slowJob() {
			this.started.countDown();
			try {
				this.release.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.slowRuns.incrementAndGet();
		}

	}

	@SkipInMaintenance
	static class AnnotatedClassJobs {

		private final AtomicInteger scheduledRuns = new AtomicInteger();

		private final AtomicInteger helperRuns = new AtomicInteger();

		public int scheduledRuns() {
			return this.scheduledRuns.get();
		}

		public int helperRuns() {
			return this.helperRuns.get();
		}

		@Scheduled(fixedDelay = 3_600_000, initialDelay = 3_600_000)
		public void scheduled() {
			this.scheduledRuns.incrementAndGet();
		}

		public void helper() {
			this.helperRuns.incrementAndGet();
		}

	}

	static class CatchUpJobs {

		private final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedDelay = 3_600_000, initialDelay = 3_600_000)
		@SkipInMaintenance(catchUp = true)
		public void job() {
			this.runs.incrementAndGet();
		}

		public int runs() {
			return this.runs.get();
		}

	}

	@SkipInMaintenance
	static class MaintenanceJobs {

		private final AtomicInteger migrationRuns = new AtomicInteger();

		private final AtomicInteger reportRuns = new AtomicInteger();

		private final AtomicInteger cleanUpRuns = new AtomicInteger();

		@Scheduled(fixedDelay = 3_600_000, initialDelay = 3_600_000)
		@RunInMaintenance
		public void migration() {
			this.migrationRuns.incrementAndGet();
		}

		@Scheduled(fixedDelay = 3_600_000, initialDelay = 3_600_000)
		@SkipInMaintenance(runInReadOnly = true)
		public void report() {
			this.reportRuns.incrementAndGet();
		}

		@Scheduled(fixedDelay = 3_600_000, initialDelay = 3_600_000)
		@RunInMaintenance
		public void cleanUp() {
			this.cleanUpRuns.incrementAndGet();
		}

		int migrationRuns() {
			return this.migrationRuns.get();
		}

		int reportRuns() {
			return this.reportRuns.get();
		}

		int cleanUpRuns() {
			return this.cleanUpRuns.get();
		}

	}

	@RunInMaintenance
	static class SparedClassJobs {

		private final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedDelay = 3_600_000, initialDelay = 3_600_000)
		public void job() {
			this.runs.incrementAndGet();
		}

		int runs() {
			return this.runs.get();
		}

	}

	static class PlainJobs {

		private final AtomicInteger runs = new AtomicInteger();

		private final AtomicInteger otherRuns = new AtomicInteger();

		@Scheduled(fixedDelay = 3_600_000, initialDelay = 3_600_000)
		public void job() {
			this.runs.incrementAndGet();
		}

		public void notScheduled() {
			this.otherRuns.incrementAndGet();
		}

		public int runs() {
			return this.runs.get();
		}

		public int otherRuns() {
			return this.otherRuns.get();
		}

	}

	static class Listeners {

		private final AtomicInteger received = new AtomicInteger();

		public int received() {
			return this.received.get();
		}

		@SkipInMaintenance
		@RabbitListener(id = "orders", queues = "orders")
		public void onMessage(String message) {
			this.received.incrementAndGet();
		}

	}

	/**
	 * A job that the application's own advice applies to too.
	 */
	static class AdvisedJobs {

		private final AtomicInteger runs = new AtomicInteger();

		@SkipInMaintenance
		@Scheduled(fixedDelay = 3_600_000, initialDelay = 3_600_000)
		public void job() {
			this.runs.incrementAndGet();
		}

		public int runs() {
			return this.runs.get();
		}

	}

	/**
	 * A service of the application behind an interface.
	 */
	interface Greeting {

		String greet();

	}

	static class Greeter implements Greeting {

		@Override
		public String greet() {
			return "hello";
		}

	}

	/**
	 * Advice of the application, on its jobs and its greeter: counts the calls it sees.
	 */
	static class CountingAdvisor extends StaticMethodMatcherPointcutAdvisor {

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger jobCalls = new AtomicInteger();

		CountingAdvisor() {
			setAdvice((MethodInterceptor) (invocation) -> {
				this.calls.incrementAndGet();
				if (invocation.getMethod().getName().equals("job")) {
					this.jobCalls.incrementAndGet();
				}
				return invocation.proceed();
			});
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return targetClass == AdvisedJobs.class || targetClass == Greeter.class;
		}

	}

}
