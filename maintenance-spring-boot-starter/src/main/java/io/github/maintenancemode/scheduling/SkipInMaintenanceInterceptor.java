package io.github.maintenancemode.scheduling;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Skips the invocation of a scheduled job while maintenance is on, and counts the runs
 * that proceed as running jobs until they return.
 */
class SkipInMaintenanceInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(SkipInMaintenanceInterceptor.class);

	private static final boolean micrometerPresent = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			SkipInMaintenanceInterceptor.class.getClassLoader());

	private final Supplier<MaintenanceMode> maintenanceMode;

	private final Supplier<MaintenanceActivity> activity;

	private final BeanFactory beanFactory;

	private final Map<Method, JobPolicy> policies = new ConcurrentHashMap<>();

	SkipInMaintenanceInterceptor(ObjectProvider<MaintenanceMode> maintenanceMode,
			ObjectProvider<MaintenanceActivity> activity, BeanFactory beanFactory) {
		this.maintenanceMode = SingletonSupplier.of(maintenanceMode::getObject);
		this.activity = SingletonSupplier.of(activity::getObject);
		this.beanFactory = beanFactory;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		// counted before the state is read, so that no run that started while maintenance
		// was off can be missing from the count once it is on
		MaintenanceActivity activity = this.activity.get();
		activity.jobStarted();
		try {
			MaintenanceState state = this.maintenanceMode.get().status();
			if (state.enabled() && policyOf(invocation).skips(state)) {
				String job = jobName(invocation);
				if (logger.isDebugEnabled()) {
					logger.debug("Skipping scheduled job " + job + " while maintenance is on");
				}
				countSkip(job);
				rememberForCatchUp(invocation);
				return null;
			}
			Lock lock = catchUpLock(invocation);
			if (lock == null) {
				return invocation.proceed();
			}
			lock.lock();
			try {
				return invocation.proceed();
			}
			finally {
				lock.unlock();
			}
		}
		finally {
			activity.jobFinished();
		}
	}

	private @Nullable Lock catchUpLock(MethodInvocation invocation) {
		if (!catchesUp(invocation) || !(invocation instanceof ProxyMethodInvocation proxied)) {
			return null;
		}
		SkippedJobCatchUp catchUp = this.beanFactory.getBeanProvider(SkippedJobCatchUp.class).getIfAvailable();
		return (catchUp != null) ? catchUp.lockFor(proxied.getProxy(), invocation.getMethod()) : null;
	}

	private boolean catchesUp(MethodInvocation invocation) {
		return policyOf(invocation).catchUp();
	}

	/**
	 * Return what the annotations of a job say, the method's winning over its class's.
	 */
	private JobPolicy policyOf(MethodInvocation invocation) {
		return this.policies.computeIfAbsent(invocation.getMethod(), (method) -> {
			Object target = invocation.getThis();
			Class<?> type = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
			boolean runOnMethod = AnnotatedElementUtils.hasAnnotation(method, RunInMaintenance.class);
			SkipInMaintenance skip = AnnotatedElementUtils.findMergedAnnotation(method, SkipInMaintenance.class);
			if (runOnMethod || (skip == null && AnnotatedElementUtils.hasAnnotation(type, RunInMaintenance.class))) {
				return JobPolicy.RUNS;
			}
			if (skip == null) {
				skip = AnnotatedElementUtils.findMergedAnnotation(type, SkipInMaintenance.class);
			}
			return (skip != null) ? new JobPolicy(true, skip.catchUp(), skip.runInReadOnly())
					: new JobPolicy(true, false, false);
		});
	}

	private void rememberForCatchUp(MethodInvocation invocation) {
		if (catchesUp(invocation) && invocation instanceof ProxyMethodInvocation proxied) {
			SkippedJobCatchUp catchUp = this.beanFactory.getBeanProvider(SkippedJobCatchUp.class).getIfAvailable();
			if (catchUp != null) {
				catchUp.skipped(proxied.getProxy(), invocation.getMethod());
			}
		}
	}

	private void countSkip(String job) {
		if (micrometerPresent) {
			MeterRegistry meters = this.beanFactory.getBeanProvider(MeterRegistry.class).getIfUnique();
			if (meters != null) {
				Counter.builder("maintenance.jobs.skipped")
					.description("Scheduled job runs skipped because maintenance was on")
					.tag("job", job)
					.register(meters)
					.increment();
			}
		}
	}

	private static String jobName(MethodInvocation invocation) {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		Class<?> type = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
		return type.getSimpleName() + "." + method.getName();
	}

	/**
	 * What the annotations of one job say.
	 *
	 * @param skipped whether maintenance skips it at all
	 * @param catchUp whether it runs once when maintenance ends
	 * @param runInReadOnly whether it runs in read-only maintenance
	 */
	private record JobPolicy(boolean skipped, boolean catchUp, boolean runInReadOnly) {

		static final JobPolicy RUNS = new JobPolicy(false, false, false);

		boolean skips(MaintenanceState state) {
			return this.skipped && !(this.runInReadOnly && state.mode() == MaintenanceState.Mode.READ_ONLY);
		}

	}

}
