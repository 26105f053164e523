package io.github.maintenancemode;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.autoconfigure.MaintenanceSchedulingAutoConfiguration;
import io.github.maintenancemode.autoconfigure.MaintenanceWebAutoConfiguration;
import io.github.maintenancemode.scheduling.SkipInMaintenance;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import io.github.maintenancemode.web.servlet.MaintenanceFilter;
import jakarta.servlet.FilterChain;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maintenance switched on right after a job or request passed the check: an operator who
 * then reads the activity must not see the instance quiescent while that work is about to
 * run.
 */
class QuiescenceRaceTests {

	@Test
	void jobThatPassedTheCheckCountsBeforeTheOperatorCanSeeQuiescence() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class,
					MaintenanceSchedulingAutoConfiguration.class))
			.withBean(MaintenanceMode.class, SwitchingMaintenanceMode::new)
			.withBean(Job.class)
			.run((context) -> {
				SwitchingMaintenanceMode mode = context.getBean(SwitchingMaintenanceMode.class);
				MaintenanceActivity activity = context.getBean(MaintenanceActivity.class);
				AtomicBoolean quiescent = new AtomicBoolean();
				mode.afterNextRead(() -> {
					mode.enable("Migration");
					quiescent.set(activity.runningJobs() == 0);
				});
				Job job = context.getBean(Job.class);
				job.quiescent(quiescent);
				job.run();
				assertThat(job.ranAfterQuiescenceWasReported()).isFalse();
			});
	}

	@Test
	void requestThatPassedTheCheckCountsBeforeTheOperatorCanSeeQuiescence() throws Exception {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class,
					MaintenanceWebAutoConfiguration.class, ThymeleafAutoConfiguration.class))
			.withBean(MaintenanceMode.class, SwitchingMaintenanceMode::new)
			.run((context) -> {
				SwitchingMaintenanceMode mode = context.getBean(SwitchingMaintenanceMode.class);
				MaintenanceActivity activity = context.getBean(MaintenanceActivity.class);
				MaintenanceFilter filter = (MaintenanceFilter) context
					.getBean("maintenanceFilterRegistration", FilterRegistrationBean.class)
					.getFilter();
				AtomicBoolean quiescent = new AtomicBoolean();
				mode.afterNextRead(() -> {
					mode.enable("Migration");
					quiescent.set(activity.inFlightRequests() == 0);
				});
				AtomicBoolean ranAfterQuiescence = new AtomicBoolean();
				FilterChain application = (request, response) -> ranAfterQuiescence.set(quiescent.get());
				MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders");
				request.setServletPath("/orders");
				filter.doFilter(request, new MockHttpServletResponse(), application);
				assertThat(ranAfterQuiescence).isFalse();
			});
	}

	static class SwitchingMaintenanceMode extends MaintenanceMode {

		private volatile @Nullable Runnable afterNextRead;

		SwitchingMaintenanceMode() {
			super(new InMemoryMaintenanceStateStore(), (event) -> {
			}, Clock.systemUTC());
		}

		void afterNextRead(Runnable action) {
			this.afterNextRead = action;
		}

		@Override
		public MaintenanceState status() {
			MaintenanceState state = super.status();
			runHook();
			return state;
		}

		@Override
		public boolean isActive() {
			boolean active = super.isActive();
			runHook();
			return active;
		}

		private void runHook() {
			Runnable action = this.afterNextRead;
			if (action != null) {
				this.afterNextRead = null;
				action.run();
			}
		}

	}

	static class Job {

		private volatile AtomicBoolean quiescent = new AtomicBoolean();

		private volatile boolean ranAfterQuiescenceWasReported;

		void quiescent(AtomicBoolean quiescent) {
			this.quiescent = quiescent;
		}

		boolean ranAfterQuiescenceWasReported() {
			return this.ranAfterQuiescenceWasReported;
		}

		@Scheduled(fixedDelay = 60_000)
		@SkipInMaintenance
		public void run() {
			this.ranAfterQuiescenceWasReported = this.quiescent.get();
		}

	}

}
