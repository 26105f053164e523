package io.github.maintenancemode.messaging.rabbit;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.listener.MessageRejectedWhileStoppingException;

/**
 * The first advice around every listener invocation of a container: counts the message as
 * a running job until the listener returns, and hands a message of a queue whose
 * consumers are pausing back to the broker (requeued, not processed), so that no message
 * starts once a pause has begun, not even one that the container had already taken.
 */
class RabbitListenerGate implements MethodInterceptor {

	private final Supplier<MaintenanceActivity> activity;

	private final Set<String> closedQueues = ConcurrentHashMap.newKeySet();

	RabbitListenerGate(Supplier<MaintenanceActivity> activity) {
		this.activity = activity;
	}

	void close(Collection<String> queues) {
		this.closedQueues.addAll(queues);
	}

	void open(Collection<String> queues) {
		this.closedQueues.removeAll(queues);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		// counted before the gate is read, so that a message that passes an open gate is
		// in the count by the time the pause that closes it is done
		MaintenanceActivity activity = this.activity.get();
		activity.jobStarted();
		try {
			String queue = consumerQueue(invocation.getArguments());
			if (queue != null && this.closedQueues.contains(queue)) {
				throw new MessageRejectedWhileStoppingException();
			}
			return invocation.proceed();
		}
		finally {
			activity.jobFinished();
		}
	}

	private static @Nullable String consumerQueue(@Nullable Object[] arguments) {
		Object data = (arguments.length > 1) ? arguments[1] : null;
		if (data instanceof List<?> batch && !batch.isEmpty()) {
			data = batch.get(0);
		}
		return (data instanceof Message message) ? message.getMessageProperties().getConsumerQueue() : null;
	}

}
