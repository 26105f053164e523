package io.github.maintenancemode.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.store.MaintenanceStateJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The store's subscription to the change channel: decodes every published state and hands
 * it to the listeners. After each subscription, and each resubscription once a lost
 * connection is back, it also re-reads the stored state, so that a change published while
 * the subscription was down is not missed.
 * <p>
 * A subscription that fails (Redis is down when the application starts) is not retried by
 * the listener container, which would block the subscribing thread meanwhile;
 * {@link #subscribeIfNeeded()} tries again, and the store calls it whenever Redis has
 * answered a read.
 */
final class RedisStateSubscription implements MessageListener, SubscriptionListener {

	private static final Log logger = LogFactory.getLog(RedisStateSubscription.class);

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private final ExecutorService notifications;

	private final ChannelTopic topic;

	private final Supplier<Optional<MaintenanceState>> reader;

	private final List<Consumer<MaintenanceState>> listeners = new CopyOnWriteArrayList<>();

	private final Lock subscribing = new ReentrantLock();

	private volatile boolean active = true;

	RedisStateSubscription(RedisConnectionFactory connectionFactory, String channel, Duration timeout,
			Supplier<Optional<MaintenanceState>> reader) {
		this.topic = new ChannelTopic(channel);
		this.reader = reader;
		this.container.setConnectionFactory(connectionFactory);
		// the subscription (a blocking loop with some clients) on a thread of its own;
		// the messages on one more, one after the other, so that listeners hear of
		// the changes in the order Redis published them
		this.container.setSubscriptionExecutor(new SimpleAsyncTaskExecutor("maintenance-redis-"));
		CustomizableThreadFactory threads = new CustomizableThreadFactory("maintenance-redis-notifications-");
		threads.setDaemon(true);
		this.notifications = Executors.newSingleThreadExecutor(threads);
		this.container.setTaskExecutor(this.notifications);
		this.container.setMaxSubscriptionRegistrationWaitingTime(timeout.toMillis());
		this.container.setRecoveryBackoff(new FixedBackOff(0, 0));
		this.container.afterPropertiesSet();
	}

	void add(Consumer<MaintenanceState> listener) {
		this.listeners.add(listener);
		subscribeIfNeeded();
	}

	/**
	 * Subscribe to the channel unless already subscribed, stopped, without listeners or
	 * being subscribed by another thread. Never throws: a failure is logged and the next
	 * call tries again.
	 */
	void subscribeIfNeeded() {
		if (!this.active || this.listeners.isEmpty() || this.container.isListening() || !this.subscribing.tryLock()) {
			return;
		}
		try {
			this.container.addMessageListener(this, this.topic);
			this.container.start();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not subscribe to Redis channel '" + this.topic.getTopic() + "' (" + ex.getMessage()
					+ "); changes made elsewhere arrive by polling until the subscription succeeds");
		}
		finally {
			this.subscribing.unlock();
		}
	}

	void start() {
		this.active = true;
		subscribeIfNeeded();
	}

	void stop() {
		this.active = false;
		this.container.stop();
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		String body = new String(message.getBody(), StandardCharsets.UTF_8);
		try {
			notifyListeners(MaintenanceStateJson.read(body));
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignoring a message on Redis channel '" + this.topic.getTopic() + "': " + ex.getMessage());
		}
	}

	@Override
	public void onChannelSubscribed(byte[] channel, long count) {
		try {
			this.reader.get().ifPresent(this::notifyListeners);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not re-read the maintenance state after subscribing", ex);
		}
	}

	private void notifyListeners(MaintenanceState state) {
		for (Consumer<MaintenanceState> listener : this.listeners) {
			listener.accept(state);
		}
	}

}
