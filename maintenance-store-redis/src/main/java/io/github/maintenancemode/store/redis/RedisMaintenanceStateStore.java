package io.github.maintenancemode.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateConflictException;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.store.MaintenanceStateJson;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * A {@link MaintenanceStateStore} that keeps the state in Redis, as JSON under one key,
 * and publishes every change on a pub/sub channel so that each instance learns it at
 * once. The instances also re-read the key at the {@link #pollInterval() poll interval},
 * a safety net for messages lost while a connection was down.
 * <p>
 * A write runs as one Lua script on the server: it compares the stored version with the
 * expected one and, when they match, stores the new state (whose version is the expected
 * one plus one) and publishes it. Every call gives up after the configured timeout,
 * whatever the client's own command timeout, so an unreachable Redis makes reads and
 * writes fail fast with {@link MaintenanceStoreUnavailableException}. Any Spring Data
 * Redis client works (Lettuce, Jedis), on a standalone server, Sentinel or a Cluster (the
 * script touches one key and publishes on the channel).
 */
public class RedisMaintenanceStateStore implements MaintenanceStateStore, SmartLifecycle {

	private static final long WRITTEN = -1;

	/**
	 * Compare the stored version with the expected one (ARGV[1]); when they match, store
	 * the new state (ARGV[2]) and publish it on the channel (ARGV[3]). Answers -1 when
	 * written, otherwise the stored version.
	 */
	private static final RedisScript<Long> WRITE_SCRIPT = RedisScript.of("""
			local stored = redis.call('GET', KEYS[1])
			local version = 0
			if stored then
				version = tonumber(cjson.decode(stored)['version']) or 0
			end
			if version ~= tonumber(ARGV[1]) then
				return version
			end
			redis.call('SET', KEYS[1], ARGV[2])
			redis.call('PUBLISH', ARGV[3], ARGV[2])
			return -1
			""", Long.class);

	/**
	 * Commands of a client that has a reactive API (Lettuce): a call that times out is
	 * cancelled in the client.
	 */
	private final @Nullable ReactiveStringRedisTemplate reactiveRedis;

	/**
	 * Commands of any other client (Jedis).
	 */
	private final StringRedisTemplate redis;

	/**
	 * Runs the blocking calls, so that a caller can give up after the store's timeout
	 * while a call waits on a dead connection.
	 */
	private final ExecutorService calls;

	private final String key;

	private final String channel;

	private final Duration pollInterval;

	private final Duration timeout;

	private final RedisStateSubscription subscription;

	private volatile boolean running;

	/**
	 * Create a store on the given connection factory.
	 * @param connectionFactory the connection factory
	 * @param key the key of the string that holds the state
	 * @param channel the channel on which every change is published
	 * @param pollInterval how often instances should re-read the state, at least one
	 * millisecond
	 * @param timeout how long a call waits for Redis, at least one millisecond
	 */
	public RedisMaintenanceStateStore(RedisConnectionFactory connectionFactory, String key, String channel,
			Duration pollInterval, Duration timeout) {
		Assert.hasText(key, "Key must not be empty");
		Assert.hasText(channel, "Channel must not be empty");
		Assert.isTrue(pollInterval.toMillis() > 0, "Poll interval must be at least one millisecond");
		Assert.isTrue(timeout.toMillis() > 0, "Timeout must be at least one millisecond");
		this.reactiveRedis = (connectionFactory instanceof ReactiveRedisConnectionFactory reactive)
				? new ReactiveStringRedisTemplate(reactive) : null;
		this.redis = new StringRedisTemplate(connectionFactory);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("maintenance-redis-call-");
		threads.setDaemon(true);
		this.calls = Executors.newCachedThreadPool(threads);
		this.key = key;
		this.channel = channel;
		this.pollInterval = pollInterval;
		this.timeout = timeout;
		this.subscription = new RedisStateSubscription(connectionFactory, this.channel, this.timeout, this::readStored);
	}

	/**
	 * Read the stored state. Once Redis has answered, a subscription that failed earlier
	 * is made again.
	 */
	@Override
	public Optional<MaintenanceState> read() {
		Optional<MaintenanceState> state = readStored();
		this.subscription.subscribeIfNeeded();
		return state;
	}

	private Optional<MaintenanceState> readStored() {
		String json = call("read", (reactive) -> reactive.opsForValue().get(this.key),
				(blocking) -> blocking.opsForValue().get(this.key));
		if (json == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(MaintenanceStateJson.read(json));
		}
		catch (IllegalArgumentException ex) {
			throw new MaintenanceStoreUnavailableException(
					"Maintenance state store 'redis' holds no valid state under key '" + this.key + "'", ex);
		}
	}

	@Override
	public MaintenanceState write(MaintenanceState state, long expectedVersion) {
		MaintenanceState stored = state.withVersion(expectedVersion + 1);
		List<String> arguments = List.of(Long.toString(expectedVersion), MaintenanceStateJson.write(stored),
				this.channel);
		long outcome = Objects.requireNonNull(
				call("write", (reactive) -> reactive.execute(WRITE_SCRIPT, List.of(this.key), arguments).single(),
						(blocking) -> blocking.execute(WRITE_SCRIPT, List.of(this.key), arguments.toArray())));
		if (outcome != WRITTEN) {
			throw new MaintenanceStateConflictException(expectedVersion, outcome);
		}
		return stored;
	}

	@Override
	public String type() {
		return "redis";
	}

	@Override
	public void subscribe(Consumer<MaintenanceState> listener) {
		this.subscription.add(listener);
	}

	@Override
	public boolean notifiesChanges() {
		return true;
	}

	@Override
	public Duration pollInterval() {
		return this.pollInterval;
	}

	@Override
	public void start() {
		this.running = true;
		this.subscription.start();
	}

	@Override
	public void stop() {
		this.subscription.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private <T> @Nullable T call(String operation, Function<ReactiveStringRedisTemplate, Mono<T>> reactiveCommand,
			Function<StringRedisTemplate, @Nullable T> blockingCommand) {
		ReactiveStringRedisTemplate reactive = this.reactiveRedis;
		if (reactive != null) {
			try {
				return reactiveCommand.apply(reactive).timeout(this.timeout).block();
			}
			catch (RuntimeException ex) {
				throw unavailable(operation, Exceptions.unwrap(ex));
			}
		}
		Future<@Nullable T> answer = CompletableFuture.supplyAsync(() -> blockingCommand.apply(this.redis), this.calls);
		try {
			return answer.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			answer.cancel(true);
			throw unavailable(operation, ex);
		}
		catch (ExecutionException ex) {
			throw unavailable(operation, (ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			throw unavailable(operation, ex);
		}
	}

	private MaintenanceStoreUnavailableException unavailable(String operation, Throwable failure) {
		return new MaintenanceStoreUnavailableException("Maintenance state store 'redis' failed to " + operation
				+ " key '" + this.key + "': " + describe(failure), failure);
	}

	private String describe(Throwable failure) {
		if (failure instanceof TimeoutException) {
			return "no answer within " + this.timeout.toMillis() + " ms";
		}
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		if (cause == failure || cause.getMessage() == null) {
			return String.valueOf(failure.getMessage());
		}
		return failure.getMessage() + " (" + cause.getMessage() + ")";
	}

}
