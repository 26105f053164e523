package io.github.maintenancemode.messaging.rabbit;

import java.util.function.Supplier;

import org.aopalliance.aop.Advice;

import org.springframework.amqp.rabbit.config.BaseRabbitListenerContainerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts the {@link RabbitListenerGate} first in the advice chain of every listener
 * container factory, before the containers are created, keeping the application's own
 * advice (retry, for instance) after it.
 */
class RabbitListenerGateInstaller implements BeanPostProcessor {

	private final Supplier<RabbitListenerGate> gate;

	RabbitListenerGateInstaller(Supplier<RabbitListenerGate> gate) {
		this.gate = gate;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof BaseRabbitListenerContainerFactory<?> factory) {
			Advice[] chain = factory.getAdviceChain();
			Advice[] withGate = new Advice[(chain != null) ? chain.length + 1 : 1];
			withGate[0] = this.gate.get();
			if (chain != null) {
				System.arraycopy(chain, 0, withGate, 1, chain.length);
			}
			factory.setAdviceChain(withGate);
		}
		return bean;
	}

}
