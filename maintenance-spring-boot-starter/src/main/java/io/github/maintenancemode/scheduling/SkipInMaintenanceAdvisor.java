package io.github.maintenancemode.scheduling;

import java.lang.reflect.Method;
import java.util.List;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;

/**
 * The advisor that applies {@link SkipInMaintenance} (or, with {@code skipAll}, every
 * {@link Scheduled @Scheduled} method) through Spring AOP proxies: no AspectJ weaver is
 * needed. The {@link SkipInMaintenancePostProcessor} applies it.
 */
public class SkipInMaintenanceAdvisor extends AbstractPointcutAdvisor {

	/**
	 * Listener annotations: a listener method annotated with {@link SkipInMaintenance}
	 * pauses with its container (see the {@code messaging} packages), it is never skipped
	 * here, which would acknowledge its message unprocessed.
	 */
	private static final List<String> LISTENER_ANNOTATIONS = List.of(
			"org.springframework.amqp.rabbit.annotation.RabbitListener",
			"org.springframework.kafka.annotation.KafkaListener", "org.springframework.jms.annotation.JmsListener");

	private final transient Pointcut pointcut;

	private final transient Advice advice;

	/**
	 * Create the advisor. The collaborators are looked up on the first job run, so that
	 * creating the advisor early (as auto-proxying does) initializes nothing else.
	 * @param maintenanceMode the maintenance switch
	 * @param activity where running jobs are counted
	 * @param beanFactory where to find a meter registry for the skip counter
	 * @param skipAll whether to skip every scheduled method, annotated or not
	 */
	public SkipInMaintenanceAdvisor(ObjectProvider<MaintenanceMode> maintenanceMode,
			ObjectProvider<MaintenanceActivity> activity, BeanFactory beanFactory, boolean skipAll) {
		this.pointcut = skipAll ? allScheduled() : annotated();
		this.advice = new SkipInMaintenanceInterceptor(maintenanceMode, activity, beanFactory);
		// first among the advisors of a proxy: a skipped run reaches no other advice
		setOrder(Ordered.HIGHEST_PRECEDENCE);
	}

	private static Pointcut annotated() {
		return new ComposablePointcut(new AnnotationMatchingPointcut(null, SkipInMaintenance.class, true))
			.intersection(new NotAListener())
			.union(new AnnotationMatchingPointcut(SkipInMaintenance.class, Scheduled.class, true))
			.union(new AnnotationMatchingPointcut(SkipInMaintenance.class, Schedules.class, true));
	}

	private static Pointcut allScheduled() {
		return new ComposablePointcut(new AnnotationMatchingPointcut(null, Scheduled.class, true))
			.union(new AnnotationMatchingPointcut(null, Schedules.class, true))
			.union(annotated());
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

	/**
	 * Matches the methods that are not message listeners.
	 */
	private static final class NotAListener extends StaticMethodMatcher {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			MergedAnnotations annotations = MergedAnnotations.from(method,
					MergedAnnotations.SearchStrategy.TYPE_HIERARCHY);
			return LISTENER_ANNOTATIONS.stream().noneMatch(annotations::isPresent);
		}

	}

}
