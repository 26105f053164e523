package io.github.maintenancemode.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceState.Mode;
import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.store.FileMaintenanceStateStore;
import io.github.maintenancemode.store.jdbc.JdbcMaintenanceSchemaInitializer;
import io.github.maintenancemode.store.jdbc.JdbcMaintenanceStateStore;
import io.github.maintenancemode.store.jdbc.PostgresNotifications;
import io.github.maintenancemode.store.redis.RedisMaintenanceStateStore;
import io.github.maintenancemode.store.redis.RedisMaintenanceStoreProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Measures what each shared store costs per operation, with the stores' own classes, and
 * scales it to fleets of 10, 100 and 1,000 instances: the CPU the store's server spends
 * on a poll, on a change and on pushing that change to each listening instance, the
 * connections each instance holds and the server memory they take.
 * <p>
 * The server's CPU time is read from {@code /proc}: the Redis server this program starts
 * on a port of its own, the PostgreSQL backends of this program's connections (found by
 * their application name) and the whole MariaDB server, less its idle rate measured just
 * before. Run with {@code java -cp benchmarks.jar
 * io.github.maintenancemode.benchmarks.StoreCosts [--reads=N] [--changes=N]
 * [--listeners=N]} while nothing else uses the databases.
 */
public final class StoreCosts {

	private static final String APPLICATION_NAME = "maintenance-store-costs";

	private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?ApplicationName="
			+ APPLICATION_NAME;

	private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

	private static final String TABLE = "maintenance_store_costs";

	private static final int[] FLEETS = { 10, 100, 1_000 };

	private static final long NANOS_PER_TICK = TimeUnit.SECONDS.toNanos(1) / 100;

	private final int reads;

	private final int changes;

	private final int listeners;

	private final int redisPort;

	private final List<Costs> results = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private StoreCosts(int reads, int changes, int listeners, int redisPort) {
		this.reads = reads;
		this.changes = changes;
		this.listeners = listeners;
		this.redisPort = redisPort;
	}

	public static void main(String[] args) throws Exception {
		LoggingSystem logging = LoggingSystem.get(StoreCosts.class.getClassLoader());
		logging.beforeInitialize();
		logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
		int reads = option(args, "reads", 50_000);
		int changes = option(args, "changes", 1_000);
		int listeners = option(args, "listeners", 20);
		int redisPort = option(args, "redis-port", 16_391);
		StoreCosts costs = new StoreCosts(reads, changes, listeners, redisPort);
		costs.measureFile();
		costs.measureRedis();
		costs.measurePostgres();
		costs.measureMariaDb();
		costs.print();
	}

	private static int option(String[] args, String name, int defaultValue) {
		for (String arg : args) {
			if (arg.startsWith("--" + name + "=")) {
				return Integer.parseInt(arg.substring(name.length() + 3));
			}
		}
		return defaultValue;
	}

	private void measureFile() throws IOException {
		Path directory = Files.createTempDirectory("store-costs");
		FileMaintenanceStateStore store = new FileMaintenanceStateStore(directory.resolve("MAINTENANCE"));
		Costs costs = new Costs("file", store.pollInterval(), 0, 0, 0);
		costs.poll = measure(store::read, this.reads, () -> 0);
		costs.change = measureChanges(store, List.of(), () -> 0);
		this.results.add(costs);
	}

	private void measureRedis() throws Exception {
		Process server = new ProcessBuilder("redis-server", "--port", Integer.toString(this.redisPort), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no")
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectErrorStream(true)
			.start();
		List<LettuceConnectionFactory> factories = new ArrayList<>();
		try {
			LettuceConnectionFactory admin = redisConnectionFactory(factories);
			StringRedisTemplate redis = new StringRedisTemplate(admin);
			awaitUntil(() -> "PONG".equals(ping(redis)));
			LongSupplier serverCpu = () -> cpuTicks(server.pid()) * NANOS_PER_TICK;
			RedisMaintenanceStoreProperties properties = new RedisMaintenanceStoreProperties();
			RedisMaintenanceStateStore writer = redisStore(redisConnectionFactory(factories), properties);
			listen(writer);
			writer.start();
			writer.read();
			Operation write = measureChanges(writer, List.of(), serverCpu);
			int clientsBefore = redisClients(redis);
			long memoryBefore = redisUsedMemory(redis);
			List<AtomicLong> seen = new ArrayList<>();
			for (int i = 0; i < this.listeners; i++) {
				RedisMaintenanceStateStore listener = redisStore(redisConnectionFactory(factories), properties);
				seen.add(listen(listener));
				listener.start();
				listener.read();
			}
			awaitUntil(() -> redisSubscribers(redis) == this.listeners + 1);
			LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
			double connections = (double) (redisClients(redis) - clientsBefore) / this.listeners;
			double memory = (double) (redisUsedMemory(redis) - memoryBefore) / this.listeners;
			Costs costs = new Costs("redis", properties.getPollInterval(), connections, memory,
					redisLimit(redis, "maxclients"));
			costs.poll = measure(writer::read, this.reads, serverCpu);
			costs.change = write;
			costs.delivery = measureChanges(writer, seen, serverCpu).less(write, this.listeners);
			this.results.add(costs);
			this.notes.add("Redis clients by last command: " + redis.getClientList()
				.stream()
				.collect(Collectors.groupingBy((client) -> client.get("cmd"), TreeMap::new, Collectors.counting())));
		}
		finally {
			factories.forEach(LettuceConnectionFactory::destroy);
			server.destroy();
			server.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private LettuceConnectionFactory redisConnectionFactory(List<LettuceConnectionFactory> factories) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.redisPort),
				LettuceClientConfiguration.defaultConfiguration());
		factory.afterPropertiesSet();
		factory.start();
		factories.add(factory);
		return factory;
	}

	private static RedisMaintenanceStateStore redisStore(LettuceConnectionFactory factory,
			RedisMaintenanceStoreProperties properties) {
		return new RedisMaintenanceStateStore(factory, properties.getKey(), properties.getChannel(),
				properties.getPollInterval(), properties.getTimeout());
	}

	private static @Nullable String ping(StringRedisTemplate redis) {
		try {
			return redis.execute((RedisCallback<String>) (connection) -> connection.ping());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static int redisClients(StringRedisTemplate redis) {
		return redis.getClientList().size();
	}

	private static long redisUsedMemory(StringRedisTemplate redis) {
		return Long.parseLong(redisInfo(redis, "memory", "used_memory"));
	}

	private static long redisSubscribers(StringRedisTemplate redis) {
		return redis.getClientList().stream().filter((client) -> "1".equals(client.get("sub"))).count();
	}

	private static String redisInfo(StringRedisTemplate redis, String section, String key) {
		Properties info = redis
			.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands().info(section));
		String value = (info != null) ? info.getProperty(key) : null;
		if (value == null) {
			throw new IllegalStateException("Redis INFO " + section + " has no " + key);
		}
		return value;
	}

	private static long redisLimit(StringRedisTemplate redis, String name) {
		Properties config = redis
			.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands().getConfig(name));
		return Long.parseLong(config.getProperty(name));
	}

	private void measurePostgres() {
		List<HikariDataSource> pools = new ArrayList<>();
		List<JdbcMaintenanceStateStore> stores = new ArrayList<>();
		try {
			HikariDataSource admin = pool(POSTGRES_URL, "postgres", pools);
			JdbcTemplate jdbc = new JdbcTemplate(admin);
			resetTable(admin);
			LongSupplier serverCpu = () -> postgresBackendsCpu(jdbc);
			JdbcMaintenanceStateStore writer = postgresStore(pool(POSTGRES_URL, "postgres", pools), stores,
					new AtomicLong());
			awaitUntil(writer::isListening);
			Operation write = measureChanges(writer, List.of(), serverCpu);
			List<HikariDataSource> listenerPools = new ArrayList<>();
			for (int i = 0; i < this.listeners; i++) {
				// the application's pool: open before counting, it is not the store's
				HikariDataSource pool = pool(POSTGRES_URL, "postgres", pools);
				new JdbcTemplate(pool).execute("SELECT 1");
				listenerPools.add(pool);
			}
			int before = postgresConnections(jdbc);
			List<Long> backendsBefore = postgresBackends(jdbc);
			List<AtomicLong> seen = new ArrayList<>();
			for (HikariDataSource pool : listenerPools) {
				AtomicLong listenerSeen = new AtomicLong();
				postgresStore(pool, stores, listenerSeen).read();
				seen.add(listenerSeen);
			}
			awaitUntil(() -> stores.stream().allMatch(JdbcMaintenanceStateStore::isListening));
			double connections = (double) (postgresConnections(jdbc) - before) / this.listeners;
			List<Long> listening = new ArrayList<>(postgresBackends(jdbc));
			listening.removeAll(backendsBefore);
			double memory = listening.stream().mapToLong(StoreCosts::proportionalSetSize).average().orElse(0)
					* connections;
			long limit = Long.parseLong(jdbc.queryForObject("SHOW max_connections", String.class));
			Costs costs = new Costs("postgresql", writer.pollInterval(), connections, memory, limit);
			costs.poll = measure(writer::read, this.reads, serverCpu);
			costs.validation = measure(() -> isValid(admin), this.reads, serverCpu);
			costs.change = write;
			costs.delivery = measureChanges(writer, seen, serverCpu).less(write, this.listeners);
			this.results.add(costs);
		}
		finally {
			stores.forEach(JdbcMaintenanceStateStore::stop);
			pools.forEach(HikariDataSource::close);
		}
	}

	private static JdbcMaintenanceStateStore postgresStore(HikariDataSource pool,
			List<JdbcMaintenanceStateStore> stores, AtomicLong seen) {
		SimpleDriverDataSource listening = new SimpleDriverDataSource(new org.postgresql.Driver(), POSTGRES_URL,
				"postgres", "");
		JdbcMaintenanceStateStore store = new JdbcMaintenanceStateStore(new JdbcTemplate(pool),
				new DataSourceTransactionManager(pool), TABLE, JdbcMaintenanceStateStore.DEFAULT_POLL_INTERVAL,
				new PostgresNotifications(listening, TABLE));
		// every instance listens, the one that writes too
		listen(store, seen);
		store.start();
		stores.add(store);
		return store;
	}

	private static void isValid(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if (!connection.isValid(2)) {
				throw new IllegalStateException("Connection not valid");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int postgresConnections(JdbcTemplate jdbc) {
		return postgresBackends(jdbc).size();
	}

	private static List<Long> postgresBackends(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE application_name = ?", Long.class,
				APPLICATION_NAME);
	}

	private static long postgresBackendsCpu(JdbcTemplate jdbc) {
		return postgresBackends(jdbc).stream().mapToLong(StoreCosts::cpuTicks).sum() * NANOS_PER_TICK;
	}

	private void measureMariaDb() {
		List<HikariDataSource> pools = new ArrayList<>();
		try {
			HikariDataSource admin = pool(MARIADB_URL, "root", pools);
			JdbcTemplate jdbc = new JdbcTemplate(admin);
			resetTable(admin);
			long server = ProcessHandle.allProcesses()
				.filter((process) -> process.info().command().filter(StoreCosts::isMariaDb).isPresent())
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No mariadbd process"))
				.pid();
			long idleRate = idleRate(server);
			long started = System.nanoTime();
			LongSupplier serverCpu = () -> cpuTicks(server) * NANOS_PER_TICK
					- idleRate * (System.nanoTime() - started) / TimeUnit.SECONDS.toNanos(1);
			HikariDataSource pool = pool(MARIADB_URL, "root", pools);
			JdbcMaintenanceStateStore store = new JdbcMaintenanceStateStore(new JdbcTemplate(pool),
					new DataSourceTransactionManager(pool), TABLE, JdbcMaintenanceStateStore.DEFAULT_POLL_INTERVAL);
			long limit = Long.parseLong(jdbc.queryForObject("SELECT @@max_connections", String.class));
			// each poll borrows one of the application's pooled connections:
			// none of its own
			Costs costs = new Costs("mariadb", store.pollInterval(), 0, 0, limit);
			costs.poll = measure(store::read, this.reads, serverCpu);
			costs.change = measureChanges(store, List.of(), serverCpu);
			this.results.add(costs);
		}
		finally {
			pools.forEach(HikariDataSource::close);
		}
	}

	private static boolean isMariaDb(String command) {
		return command.endsWith("/mariadbd") || command.endsWith("/mysqld");
	}

	private static long idleRate(long pid) {
		long ticks = cpuTicks(pid);
		long started = System.nanoTime();
		LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
		return (cpuTicks(pid) - ticks) * NANOS_PER_TICK * TimeUnit.SECONDS.toNanos(1) / (System.nanoTime() - started);
	}

	private static HikariDataSource pool(String url, String user, List<HikariDataSource> pools) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername(user);
		pool.setMaximumPoolSize(1);
		pools.add(pool);
		return pool;
	}

	private static void resetTable(DataSource dataSource) {
		new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS " + TABLE);
		new JdbcMaintenanceSchemaInitializer(dataSource, TABLE, DatabaseInitializationMode.ALWAYS).initializeSchema();
	}

	private static AtomicLong listen(MaintenanceStateStore store) {
		return listen(store, new AtomicLong());
	}

	private static AtomicLong listen(MaintenanceStateStore store, AtomicLong seen) {
		store.subscribe((state) -> seen.accumulateAndGet(state.version(), Math::max));
		return seen;
	}

	private static Operation measure(Runnable operation, int count, LongSupplier serverCpu) {
		for (int i = 0; i < Math.max(1_000, count / 10); i++) {
			operation.run();
		}
		Sample start = Sample.take(serverCpu);
		for (int i = 0; i < count; i++) {
			operation.run();
		}
		return Sample.take(serverCpu).since(start, count);
	}

	private Operation measureChanges(MaintenanceStateStore writer, List<AtomicLong> listeners, LongSupplier serverCpu) {
		long version = writer.read().map(MaintenanceState::version).orElse(0L);
		for (int i = 0; i < Math.min(20, this.changes); i++) {
			version = change(writer, version, listeners);
		}
		Sample start = Sample.take(serverCpu);
		for (int i = 0; i < this.changes; i++) {
			version = change(writer, version, listeners);
		}
		return Sample.take(serverCpu).since(start, this.changes);
	}

	private static long change(MaintenanceStateStore writer, long version, List<AtomicLong> listeners) {
		MaintenanceState state = (version % 2 == 0)
				? MaintenanceState.on(Mode.FULL, "Measuring the store", null, null, "store-costs")
				: MaintenanceState.off("store-costs", 0);
		long written = writer.write(state, version).version();
		awaitUntil(() -> listeners.stream().allMatch((seen) -> seen.get() >= written));
		return written;
	}

	private static void awaitUntil(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Gave up waiting after 30 s");
			}
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
		}
	}

	static long cpuTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// the command name in parentheses may hold spaces: count fields after it
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException ex) {
			// a backend that ended in between has no CPU time left to count
			return 0;
		}
	}

	private static long proportionalSetSize(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
				if (line.startsWith("Pss:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
			return 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void print() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"Per operation: %,d polls and %,d changes per store; deliveries to %d listening instances%n%n",
				this.reads, this.changes, this.listeners));
		out.append("| store | poll: wall | poll: client CPU | poll: server CPU | change: wall | change: server CPU "
				+ "| delivery: server CPU | delivery: client CPU | own connections per instance "
				+ "| server memory per instance | server's connection limit |\n");
		out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Costs costs : this.results) {
			Operation delivery = (costs.delivery != null) ? costs.delivery : Operation.NONE;
			out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
					costs.store, micros(costs.poll.wallMicros()), micros(costs.poll.clientCpuMicros()),
					micros(costs.poll.serverCpuMicros()), micros(costs.change.wallMicros()),
					micros(costs.change.serverCpuMicros()),
					(costs.delivery != null) ? micros(delivery.serverCpuMicros()) : "none",
					(costs.delivery != null) ? micros(delivery.clientCpuMicros()) : "none", number(costs.connections),
					kibibytes(costs.memoryPerInstance),
					(costs.limit > 0) ? String.format(Locale.ROOT, "%,d", costs.limit) : "none"));
		}
		out.append("\nScaled from the figures above, with the default poll intervals\n\n");
		out.append("| store | instances | polls per second | server CPU per second, no change "
				+ "| own connections | server memory | messages per change | server CPU per change |\n");
		out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Costs costs : this.results) {
			for (int instances : FLEETS) {
				double pollsPerSecond = instances / (costs.interval.toMillis() / 1000.0);
				double cpu = pollsPerSecond * costs.poll.serverCpuMicros();
				if (costs.validation != null) {
					// a quiet listening connection is checked every ten seconds
					cpu += instances / 10.0 * costs.validation.serverCpuMicros();
				}
				double connections = instances * costs.connections;
				Operation delivery = costs.delivery;
				double perChange = costs.change.serverCpuMicros()
						+ ((delivery != null) ? (instances - 1) * delivery.serverCpuMicros() : 0);
				out.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %s |%n", costs.store,
						instances, number(pollsPerSecond), cpuShare(cpu),
						number(connections) + exceeds(connections, costs.limit),
						mebibytes(instances * costs.memoryPerInstance),
						(delivery != null) ? number(instances - 1) : "0", millis(perChange)));
			}
		}
		this.notes.forEach((note) -> out.append("\n").append(note).append("\n"));
		System.out.print(out);
	}

	private static String exceeds(double connections, long limit) {
		return (limit > 0 && connections > limit) ? " (over the limit)" : "";
	}

	private static String micros(double micros) {
		return String.format(Locale.ROOT, "%,.1f µs", micros);
	}

	private static String millis(double micros) {
		return String.format(Locale.ROOT, "%,.2f ms", micros / 1000);
	}

	private static String cpuShare(double microsPerSecond) {
		return String.format(Locale.ROOT, "%,.2f ms (%.2f %% of a core)", microsPerSecond / 1000,
				microsPerSecond / 10_000);
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%,.1f", value);
	}

	private static String kibibytes(double bytes) {
		return String.format(Locale.ROOT, "%,.0f KiB", bytes / 1024);
	}

	private static String mebibytes(double bytes) {
		return String.format(Locale.ROOT, "%,.1f MiB", bytes / 1024 / 1024);
	}

	private static final class Costs {

		private final String store;

		private final Duration interval;

		private final double connections;

		private final double memoryPerInstance;

		private final long limit;

		private Operation poll = Operation.NONE;

		private @Nullable Operation validation;

		private Operation change = Operation.NONE;

		private @Nullable Operation delivery;

		Costs(String store, @Nullable Duration interval, double connections, double memoryPerInstance, long limit) {
			this.store = store;
			this.interval = (interval != null) ? interval : Duration.ofSeconds(1);
			this.connections = connections;
			this.memoryPerInstance = memoryPerInstance;
			this.limit = limit;
		}

	}

	private record Sample(long wallNanos, long clientCpuNanos, long serverCpuNanos) {

		static Sample take(LongSupplier serverCpu) {
			com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
				.getOperatingSystemMXBean();
			return new Sample(System.nanoTime(), os.getProcessCpuTime(), serverCpu.getAsLong());
		}

		Operation since(Sample start, int count) {
			return new Operation((this.wallNanos - start.wallNanos) / 1000.0 / count,
					(this.clientCpuNanos - start.clientCpuNanos) / 1000.0 / count,
					(this.serverCpuNanos - start.serverCpuNanos) / 1000.0 / count);
		}

	}

	private record Operation(double wallMicros, double clientCpuMicros, double serverCpuMicros) {

		static final Operation NONE = new Operation(0, 0, 0);

		/**
		 * The cost of one of {@code count} deliveries, given a change with them and one
		 * without.
		 */
		Operation less(Operation alone, int count) {
			return new Operation((this.wallMicros - alone.wallMicros) / count,
					(this.clientCpuMicros - alone.clientCpuMicros) / count,
					(this.serverCpuMicros - alone.serverCpuMicros) / count);
		}

	}

}
