package io.github.maintenancemode.integration;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The checks that every broker's listener support passes, on applications with an
 * {@code orders} listener that pauses and an {@code audit} listener that keeps running.
 */
final class ListenerMaintenanceChecks {

	private ListenerMaintenanceChecks() {
	}

	/**
	 * Publish messages continuously while maintenance is switched on and off 20 times:
	 * every message is processed once, none while maintenance is on, and the one in
	 * flight when it begins finishes first.
	 * @param broker the broker's name, for the printed figures
	 * @param context the application, with an {@code orders} listener that pauses and an
	 * {@code audit} listener that keeps running
	 * @param orders what the {@code orders} listener has processed
	 * @param publish publishes the message with the given id to {@code orders}
	 * @param backlogged whether the messages published since maintenance settled (their
	 * number is given) wait in the broker in numbers that show the listener takes none
	 * @throws InterruptedException if interrupted while waiting for the publisher
	 */
	static void toggle20Times(String broker, ConfigurableApplicationContext context, ProcessedMessages orders,
			IntConsumer publish, IntPredicate backlogged) throws InterruptedException {
		MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
		MaintenanceActivity activity = context.getBean(MaintenanceActivity.class);
		AtomicInteger published = new AtomicInteger();
		AtomicBoolean publishing = new AtomicBoolean(true);
		Thread publisher = new Thread(() -> {
			while (publishing.get()) {
				publish.accept(published.get());
				published.incrementAndGet();
				// a bounded backlog while the consumer runs; while it is paused the
				// messages pile up in the broker
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(1))
					.until(() -> !publishing.get() || maintenanceMode.isActive()
							|| published.get() - orders.processed.size() < 20);
			}
		}, "publisher");
		publisher.start();
		int beginningsWithMessageInFlight = 0;
		for (int i = 0; i < 20; i++) {
			int processedBefore = orders.processed.size();
			// the consumer takes messages again before the next window begins
			await().atMost(Duration.ofSeconds(30)).until(() -> orders.processed.size() >= processedBefore + 20);
			maintenanceMode.enable("Toggle " + i);
			Set<String> inFlight = Set.copyOf(orders.inFlight);
			if (!inFlight.isEmpty()) {
				beginningsWithMessageInFlight++;
			}
			// the message in flight finishes and counts as a running job until it has
			await().atMost(Duration.ofSeconds(15)).until(() -> activity.runningJobs() == 0);
			assertThat(orders.processed.keySet()).containsAll(inFlight);
			assertThat(activity.pausedConsumers()).containsExactly("orders");
			orders.maintenanceSettled.set(true);
			// messages keep arriving and wait in the broker: a consumer that still took
			// them would be counted during maintenance
			int publishedWhenSettled = published.get();
			await().atMost(Duration.ofSeconds(30)).until(() -> backlogged.test(published.get() - publishedWhenSettled));
			orders.maintenanceSettled.set(false);
			maintenanceMode.disable();
		}
		publishing.set(false);
		publisher.join();
		// all processed, and no late redelivery adds a duplicate for a while
		await().atMost(Duration.ofSeconds(60)).until(() -> orders.processed.size() == published.get());
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> orders.duplicates.get() == 0 && orders.processed.size() == published.get());
		System.out.printf(
				"%s toggle test: published %d, processed %d, processed during maintenance %d, duplicates %d, "
						+ "lost %d, maintenance began 20 times, %d of them with a message in flight%n",
				broker, published.get(), orders.processed.size(), orders.duringMaintenance.get(),
				orders.duplicates.get(), published.get() - orders.processed.size(), beginningsWithMessageInFlight);
		assertThat(orders.duringMaintenance).hasValue(0);
		assertThat(orders.duplicates).hasValue(0);
		assertThat(orders.processed).hasSize(published.get());
		assertThat(beginningsWithMessageInFlight).isPositive();
		assertThat(activity.pausedConsumers()).isEmpty();
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(meters.get("maintenance.consumers.paused").tag("listener", "orders").counter().count())
			.isEqualTo(20);
		assertThat(meters.find("maintenance.consumers.paused").tag("listener", "audit").counter()).isNull();
	}

	/**
	 * Switch maintenance on through the first of two instances and wait until both have
	 * paused {@code orders} and what it had in flight has finished; both stay healthy.
	 * @param first the instance that switches
	 * @param second the other instance
	 */
	static void pauseTogether(ConfigurableApplicationContext first, ConfigurableApplicationContext second) {
		first.getBean(MaintenanceMode.class).enable("Upgrade");
		for (ConfigurableApplicationContext instance : List.of(first, second)) {
			MaintenanceActivity activity = instance.getBean(MaintenanceActivity.class);
			await().atMost(Duration.ofSeconds(15))
				.until(() -> activity.pausedConsumers().contains("orders") && activity.runningJobs() == 0);
			// a paused consumer is not a failure
			assertThat(instance.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
		}
	}

	/**
	 * Switch maintenance off through the first of two instances: the messages published
	 * meanwhile are each processed once, by one of them, and neither has a paused
	 * consumer left.
	 * @param first the instance that switches
	 * @param second the other instance
	 * @param processed the number of messages both must have processed between them
	 */
	static void resumeTogether(ConfigurableApplicationContext first, ConfigurableApplicationContext second,
			int processed) {
		ProcessedMessages firstOrders = first.getBean("orders", ProcessedMessages.class);
		ProcessedMessages secondOrders = second.getBean("orders", ProcessedMessages.class);
		first.getBean(MaintenanceMode.class).disable();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> firstOrders.processed.size() + secondOrders.processed.size() == processed);
		Set<String> all = new HashSet<>(firstOrders.processed.keySet());
		all.addAll(secondOrders.processed.keySet());
		assertThat(all).hasSize(processed);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> first.getBean(MaintenanceActivity.class).pausedConsumers().isEmpty()
					&& second.getBean(MaintenanceActivity.class).pausedConsumers().isEmpty());
	}

	/**
	 * Stop and start the application's lifecycle while maintenance is on, as the test
	 * framework does to the applications it caches ({@code pause()} and
	 * {@code restart()}) and as an operator may ({@code stop()} and {@code start()}):
	 * after each, {@code orders} takes no message until maintenance ends, although the
	 * registries start every container when the application was refreshed before.
	 * @param context the application, with an {@code orders} listener that pauses
	 * @param orders what the {@code orders} listener has processed
	 * @param publish publishes the message with the given id to {@code orders}
	 * @param backlogged whether the messages published since maintenance settled (their
	 * number is given) wait in the broker in numbers that show the listener takes none
	 */
	static void staysPausedThroughLifecycleRestarts(ConfigurableApplicationContext context, ProcessedMessages orders,
			IntConsumer publish, IntPredicate backlogged) {
		MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
		MaintenanceActivity activity = context.getBean(MaintenanceActivity.class);
		maintenanceMode.enable("Restart");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> activity.pausedConsumers().contains("orders") && activity.runningJobs() == 0);
		orders.maintenanceSettled.set(true);
		List<Runnable> restarts = List.of(() -> restart(context), () -> {
			context.stop();
			context.start();
		});
		int published = 0;
		for (Runnable restart : restarts) {
			restart.run();
			int publishedBefore = published;
			for (int i = 0; i < 30; i++) {
				publish.accept(published++);
			}
			int since = published - publishedBefore;
			await().atMost(Duration.ofSeconds(30)).until(() -> backlogged.test(since));
			// long enough for a consumer that had started to take some
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(orders.processed::isEmpty);
			await().atMost(Duration.ofSeconds(15)).until(() -> activity.runningJobs() == 0);
			assertThat(activity.pausedConsumers()).containsExactly("orders");
		}
		orders.maintenanceSettled.set(false);
		assertThat(orders.duringMaintenance).hasValue(0);
		assertThat(orders.processed).isEmpty();
		maintenanceMode.disable();
		int all = published;
		await().atMost(Duration.ofSeconds(30)).until(() -> orders.processed.size() == all);
		assertThat(activity.pausedConsumers()).isEmpty();
	}

	/**
	 * Switch maintenance on while the application's lifecycle is stopped, publish to
	 * {@code orders}, and start the application again: {@code orders} takes no message
	 * until maintenance ends, although the registries start every container then.
	 * @param context the application, with an {@code orders} listener that pauses
	 * @param orders what the {@code orders} listener has processed
	 * @param publish publishes the message with the given id to {@code orders}
	 * @param backlogged whether the messages published (their number is given) wait in
	 * the broker in numbers that show the listener takes none
	 */
	static void staysPausedWhenMaintenanceBeginsWhileStopped(ConfigurableApplicationContext context,
			ProcessedMessages orders, IntConsumer publish, IntPredicate backlogged) {
		MaintenanceMode maintenanceMode = context.getBean(MaintenanceMode.class);
		MaintenanceActivity activity = context.getBean(MaintenanceActivity.class);
		context.stop();
		maintenanceMode.enable("While stopped");
		orders.maintenanceSettled.set(true);
		for (int i = 0; i < 30; i++) {
			publish.accept(i);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> backlogged.test(30));
		context.start();
		// long enough for a consumer that had started to take some
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(orders.processed::isEmpty);
		await().atMost(Duration.ofSeconds(15)).until(() -> backlogged.test(30));
		assertThat(activity.pausedConsumers()).contains("orders");
		orders.maintenanceSettled.set(false);
		assertThat(orders.duringMaintenance).hasValue(0);
		maintenanceMode.disable();
		await().atMost(Duration.ofSeconds(30)).until(() -> orders.processed.size() == 30);
		assertThat(activity.pausedConsumers()).isEmpty();
	}

	/**
	 * Pause the application and restart it, as the test framework does to the
	 * applications it caches.
	 * @param context the application
	 */
	static void restart(ConfigurableApplicationContext context) {
		context.pause();
		context.restart();
	}

}
