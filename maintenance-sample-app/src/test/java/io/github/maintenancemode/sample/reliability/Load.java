package io.github.maintenancemode.sample.reliability;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * Clients that send {@link Probe probes} of the usual mix until a number of requests is
 * reached or they are stopped, and keep the score: outcomes, failures, and the notes
 * created (201) or refused (503).
 */
final class Load implements AutoCloseable {

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	private final ReliabilityHttp http;

	private final int limit;

	private final ExecutorService executor;

	private final List<Future<?>> clients = new ArrayList<>();

	private final AtomicInteger issued = new AtomicInteger();

	private final AtomicInteger completed = new AtomicInteger();

	private final Map<Probe.Outcome, LongAdder> outcomes = new EnumMap<>(Probe.Outcome.class);

	private final Map<Probe.Kind, LongAdder> maintenanceByKind = new ConcurrentHashMap<>();

	private final Map<String, Long> created = new ConcurrentHashMap<>();

	private final Set<String> refused = ConcurrentHashMap.newKeySet();

	private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

	private volatile boolean stopped;

	private Load(ReliabilityHttp http, int clients, int limit) {
		this.http = http;
		this.limit = limit;
		this.executor = Executors.newFixedThreadPool(clients);
		for (Probe.Outcome outcome : Probe.Outcome.values()) {
			this.outcomes.put(outcome, new LongAdder());
		}
		for (int client = 0; client < clients; client++) {
			int seed = client;
			this.clients.add(this.executor.submit(() -> run(seed)));
		}
	}

	/**
	 * Start clients that send {@code limit} requests in all.
	 * @param http the client
	 * @param clients how many clients
	 * @param limit how many requests
	 * @return the load
	 */
	static Load start(ReliabilityHttp http, int clients, int limit) {
		return new Load(http, clients, limit);
	}

	/**
	 * Wait until {@code more} further requests have completed.
	 * @param more how many
	 */
	void awaitMore(int more) {
		int target = this.completed.get() + more;
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.completed.get() >= target || this.stopped);
	}

	/**
	 * Wait until the clients are done (stopping them first when asked).
	 * @param stop whether to stop the clients
	 * @throws Exception if a client fails or takes too long
	 */
	void finish(boolean stop) throws Exception {
		this.stopped = stop;
		for (Future<?> client : this.clients) {
			client.get(3, TimeUnit.MINUTES);
		}
	}

	private void run(int seed) {
		Random random = new Random(seed);
		int sequence;
		while (!this.stopped && (sequence = this.issued.getAndIncrement()) < this.limit) {
			String text = "load note " + seed + "-" + sequence + "-" + System.nanoTime();
			Probe probe = Probe.pick(random, text);
			try {
				HttpResponse<byte[]> response = this.http.send(probe.request(this.http),
						HttpResponse.BodyHandlers.ofByteArray());
				Probe.Outcome outcome = probe.check(response);
				this.outcomes.get(outcome).increment();
				if (outcome == Probe.Outcome.MAINTENANCE) {
					this.maintenanceByKind.computeIfAbsent(probe.kind(), (kind) -> new LongAdder()).increment();
				}
				if (probe.kind() == Probe.Kind.CREATE_NOTE) {
					if (outcome == Probe.Outcome.REAL) {
						this.created.put(text, idOf(response));
					}
					else {
						this.refused.add(text);
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				this.failures.add(probe.kind() + " " + probe.path() + ": " + ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				this.completed.incrementAndGet();
			}
		}
	}

	private static long idOf(HttpResponse<byte[]> response) {
		Matcher id = ID.matcher(new String(response.body(), StandardCharsets.UTF_8));
		if (!id.find()) {
			throw new IllegalStateException("201 without an id");
		}
		return Long.parseLong(id.group(1));
	}

	int completed() {
		return this.completed.get();
	}

	long count(Probe.Outcome outcome) {
		return this.outcomes.get(outcome).sum();
	}

	/**
	 * The notes answered 201, by text, with their ids.
	 * @return the created notes
	 */
	Map<String, Long> created() {
		return Map.copyOf(this.created);
	}

	/**
	 * The texts of the notes answered 503.
	 * @return the refused notes
	 */
	Set<String> refused() {
		return Set.copyOf(this.refused);
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	String summary() {
		return "real " + count(Probe.Outcome.REAL) + ", maintenance " + count(Probe.Outcome.MAINTENANCE) + " "
				+ this.maintenanceByKind + ", notes created " + this.created.size() + ", refused " + this.refused.size()
				+ ", failures " + this.failures.size();
	}

	@Override
	public void close() {
		this.stopped = true;
		this.executor.shutdownNow();
	}

}
