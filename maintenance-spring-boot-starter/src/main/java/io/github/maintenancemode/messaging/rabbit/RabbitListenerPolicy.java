package io.github.maintenancemode.messaging.rabbit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.messaging.MaintenanceMessagingProperties;
import io.github.maintenancemode.scheduling.RunInMaintenance;
import io.github.maintenancemode.scheduling.SkipInMaintenance;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Which listener containers pause while maintenance is on: learns the ids of the
 * {@code @RabbitListener}s annotated with {@link SkipInMaintenance} or
 * {@link RunInMaintenance} as their beans are created, and applies
 * {@code maintenance.messaging.*}.
 */
class RabbitListenerPolicy implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(RabbitListenerPolicy.class);

	private final Supplier<MaintenanceMessagingProperties> properties;

	private final ConfigurableBeanFactory beanFactory;

	private final Set<String> skipping = ConcurrentHashMap.newKeySet();

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	RabbitListenerPolicy(Supplier<MaintenanceMessagingProperties> properties, ConfigurableBeanFactory beanFactory) {
		this.properties = properties;
		this.beanFactory = beanFactory;
	}

	/**
	 * Return whether the listener with this id pauses in maintenance of this mode.
	 * @param listenerId the listener's id
	 * @param mode the maintenance mode
	 * @return whether it pauses
	 */
	boolean pauses(String listenerId, MaintenanceState.Mode mode) {
		MaintenanceMessagingProperties properties = this.properties.get();
		if (!properties.pausesIn(mode) || properties.getKeepRunning().contains(listenerId)
				|| this.running.contains(listenerId)) {
			return false;
		}
		return properties.getPause() == MaintenanceMessagingProperties.Pause.ALL || this.skipping.contains(listenerId);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		RabbitListener onType = AnnotatedElementUtils.findMergedAnnotation(type, RabbitListener.class);
		if (onType != null) {
			remember(type, onType, type, beanName);
		}
		ReflectionUtils.doWithMethods(type, (method) -> {
			RabbitListener listener = AnnotatedElementUtils.findMergedAnnotation(method, RabbitListener.class);
			if (listener != null) {
				remember(method, listener, type, beanName);
			}
		}, ReflectionUtils.USER_DECLARED_METHODS);
		return bean;
	}

	private void remember(AnnotatedElement element, RabbitListener listener, Class<?> type, String beanName) {
		boolean run = AnnotatedElementUtils.hasAnnotation(element, RunInMaintenance.class)
				|| (!AnnotatedElementUtils.hasAnnotation(element, SkipInMaintenance.class)
						&& AnnotatedElementUtils.hasAnnotation(type, RunInMaintenance.class));
		boolean skip = !run && (AnnotatedElementUtils.hasAnnotation(element, SkipInMaintenance.class)
				|| AnnotatedElementUtils.hasAnnotation(type, SkipInMaintenance.class));
		if (!run && !skip) {
			return;
		}
		String id = StringUtils.hasText(listener.id()) ? this.beanFactory.resolveEmbeddedValue(listener.id()) : null;
		if (!StringUtils.hasText(id)) {
			logger.warn("@RabbitListener " + describe(element, beanName) + " needs an id for its "
					+ (run ? "@RunInMaintenance" : "@SkipInMaintenance") + " to apply");
			return;
		}
		(run ? this.running : this.skipping).add(id);
	}

	private static String describe(AnnotatedElement element, String beanName) {
		return (element instanceof Method method) ? beanName + "." + method.getName() : beanName;
	}

}
