package io.github.maintenancemode.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Counts each pause of a listener container in {@code maintenance.consumers.paused},
 * tagged with the listener's id, when the application has a single {@link MeterRegistry}.
 */
public final class ConsumerPauseCounter {

	private static final boolean micrometerPresent = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			ConsumerPauseCounter.class.getClassLoader());

	private final BeanFactory beanFactory;

	/**
	 * Create a counter that finds the meter registry in the given bean factory.
	 * @param beanFactory the bean factory
	 */
	public ConsumerPauseCounter(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Count a pause of the listener with the given id.
	 * @param listenerId the listener's id
	 */
	public void paused(String listenerId) {
		if (micrometerPresent) {
			Meters.increment(this.beanFactory, listenerId);
		}
	}

	/**
	 * Kept apart so that the counter loads without Micrometer.
	 */
	private static final class Meters {

		static void increment(BeanFactory beanFactory, String listenerId) {
			MeterRegistry meters = beanFactory.getBeanProvider(MeterRegistry.class).getIfUnique();
			if (meters != null) {
				Counter.builder("maintenance.consumers.paused")
					.description("Message listener containers paused because maintenance began")
					.tag("listener", listenerId)
					.register(meters)
					.increment();
			}
		}

	}

}
