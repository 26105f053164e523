package io.github.maintenancemode.messaging;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.scheduling.RunInMaintenance;
import io.github.maintenancemode.scheduling.SkipInMaintenance;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Which listener containers pause while maintenance is on: learns the ids of the
 * listeners annotated with {@link SkipInMaintenance} or {@link RunInMaintenance} as their
 * beans are created, and applies {@code maintenance.messaging.*}. One policy serves each
 * kind of listener annotation ({@code @RabbitListener}, {@code @KafkaListener}).
 *
 * @param <A> the listener annotation
 */
public class MaintenanceListenerPolicy<A extends Annotation> implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(MaintenanceListenerPolicy.class);

	private final Class<A> listenerAnnotation;

	private final Function<A, String> listenerId;

	private final boolean pauseAll;

	private final boolean pauseInReadOnly;

	private final Set<String> keepRunning;

	private final ConfigurableBeanFactory beanFactory;

	private final Set<String> skipping = ConcurrentHashMap.newKeySet();

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	/**
	 * Create a policy for the listeners declared with the given annotation.
	 * @param listenerAnnotation the listener annotation
	 * @param listenerId the id an annotation gives its listener, unresolved, or an empty
	 * string
	 * @param properties the messaging properties, read once
	 * @param beanFactory the bean factory that resolves placeholders in ids
	 */
	public MaintenanceListenerPolicy(Class<A> listenerAnnotation, Function<A, String> listenerId,
			MaintenanceMessagingProperties properties, ConfigurableBeanFactory beanFactory) {
		this.listenerAnnotation = listenerAnnotation;
		this.listenerId = listenerId;
		this.pauseAll = properties.getPause() == MaintenanceMessagingProperties.Pause.ALL;
		this.pauseInReadOnly = properties.isPauseInReadOnly();
		this.keepRunning = Set.copyOf(properties.getKeepRunning());
		this.beanFactory = beanFactory;
	}

	/**
	 * Return whether the listener with this id pauses in maintenance of this mode.
	 * @param listenerId the listener's id
	 * @param mode the maintenance mode
	 * @return whether it pauses
	 */
	public boolean pauses(String listenerId, MaintenanceState.Mode mode) {
		if ((mode == MaintenanceState.Mode.READ_ONLY && !this.pauseInReadOnly) || this.keepRunning.contains(listenerId)
				|| this.running.contains(listenerId)) {
			return false;
		}
		return this.pauseAll || this.skipping.contains(listenerId);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		A onType = AnnotatedElementUtils.findMergedAnnotation(type, this.listenerAnnotation);
		if (onType != null) {
			remember(type, onType, type, beanName);
		}
		ReflectionUtils.doWithMethods(type, (method) -> {
			A listener = AnnotatedElementUtils.findMergedAnnotation(method, this.listenerAnnotation);
			if (listener != null) {
				remember(method, listener, type, beanName);
			}
		}, ReflectionUtils.USER_DECLARED_METHODS);
		return bean;
	}

	private void remember(AnnotatedElement element, A listener, Class<?> type, String beanName) {
		boolean run = AnnotatedElementUtils.hasAnnotation(element, RunInMaintenance.class)
				|| (!AnnotatedElementUtils.hasAnnotation(element, SkipInMaintenance.class)
						&& AnnotatedElementUtils.hasAnnotation(type, RunInMaintenance.class));
		boolean skip = !run && (AnnotatedElementUtils.hasAnnotation(element, SkipInMaintenance.class)
				|| AnnotatedElementUtils.hasAnnotation(type, SkipInMaintenance.class));
		if (!run && !skip) {
			return;
		}
		String declaredId = this.listenerId.apply(listener);
		String id = StringUtils.hasText(declaredId) ? this.beanFactory.resolveEmbeddedValue(declaredId) : null;
		if (!StringUtils.hasText(id)) {
			logger.warn("@" + this.listenerAnnotation.getSimpleName() + " " + describe(element, beanName)
					+ " needs an id for its " + (run ? "@RunInMaintenance" : "@SkipInMaintenance") + " to apply");
			return;
		}
		(run ? this.running : this.skipping).add(id);
	}

	private static String describe(AnnotatedElement element, String beanName) {
		return (element instanceof Method method) ? beanName + "." + method.getName() : beanName;
	}

}
