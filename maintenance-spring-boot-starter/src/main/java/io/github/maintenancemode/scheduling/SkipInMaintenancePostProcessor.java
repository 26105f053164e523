package io.github.maintenancemode.scheduling;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;

/**
 * Applies a {@link SkipInMaintenanceAdvisor} to the beans whose methods it matches, the
 * way Spring applies {@code @Async}: the advisor goes first into a proxy that the
 * application's auto-proxying has made already (so that a skipped run never reaches a
 * transaction or any other advice of the application), and a bean that is not proxied yet
 * gets a class proxy of its own, since a scheduled method is seldom declared on an
 * interface. The application's other beans and its own proxying settings stay as they
 * are.
 * <p>
 * It runs after the auto-proxy creator and before the
 * {@link ScheduledAnnotationBeanPostProcessor}, which must schedule the proxy.
 */
public class SkipInMaintenancePostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	/**
	 * The order of this post-processor: just before the scheduling's.
	 */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

	/**
	 * Create a post-processor that applies the advisor.
	 * @param advisor the advisor
	 */
	public SkipInMaintenancePostProcessor(SkipInMaintenanceAdvisor advisor) {
		this.advisor = advisor;
		setBeforeExistingAdvisors(true);
		setProxyTargetClass(true);
		setOrder(ORDER);
	}

}
