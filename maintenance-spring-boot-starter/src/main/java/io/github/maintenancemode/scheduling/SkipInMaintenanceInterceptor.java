package io.github.maintenancemode.scheduling;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
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

	private final Map<Method, Boolean> catchUp = new ConcurrentHashMap<>();

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
			if (this.maintenanceMode.get().isActive()) {
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
		return this.catchUp.computeIfAbsent(invocation.getMethod(), (method) -> {
			SkipInMaintenance annotation = AnnotatedElementUtils.findMergedAnnotation(method, SkipInMaintenance.class);
			Object target = invocation.getThis();
			if (annotation == null && target != null) {
				annotation = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getTargetClass(target),
						SkipInMaintenance.class);
			}
			return annotation != null && annotation.catchUp();
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

}
