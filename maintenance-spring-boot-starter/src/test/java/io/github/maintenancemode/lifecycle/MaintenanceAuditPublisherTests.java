package io.github.maintenancemode.lifecycle;

import java.time.Clock;
import java.time.Instant;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MutableClock;
import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import io.github.maintenancemode.autoconfigure.MaintenanceEndpointAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link MaintenanceAuditPublisher} with Boot's audit support.
 */
class MaintenanceAuditPublisherTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class,
				MaintenanceEndpointAutoConfiguration.class, AuditAutoConfiguration.class));

	@Test
	void switchingOnChangingAndOffIsAudited() {
		this.runner.withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new).run((context) -> {
			MaintenanceMode mode = context.getBean(MaintenanceMode.class);
			mode.enable(MaintenanceState.Mode.FULL, "Upgrade", null, "alice");
			mode.enable(MaintenanceState.Mode.FULL, "Upgrade, longer", null, "alice");
			mode.disable("bob");
			AuditEventRepository repository = context.getBean(AuditEventRepository.class);
			assertThat(repository.find(null, Instant.EPOCH, null))
				.extracting(AuditEvent::getType, AuditEvent::getPrincipal)
				.containsExactly(tuple("MAINTENANCE_ENABLED", "alice"), tuple("MAINTENANCE_CHANGED", "alice"),
						tuple("MAINTENANCE_DISABLED", "bob"));
			assertThat(repository.find("alice", Instant.EPOCH, "MAINTENANCE_CHANGED")).singleElement()
				.satisfies((event) -> assertThat(event.getData()).containsEntry("reason", "Upgrade, longer"));
			assertThat(repository.find("alice", Instant.EPOCH, "MAINTENANCE_ENABLED")).singleElement()
				.satisfies((event) -> assertThat(event.getData()).containsEntry("reason", "Upgrade"));
		});
	}

	@Test
	void plannedReplannedAndCancelledWindowsAreAudited() {
		this.runner.withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new).run((context) -> {
			MaintenanceMode mode = context.getBean(MaintenanceMode.class);
			Instant start = Instant.parse("2099-12-01T01:00:00Z");
			mode.schedule(start, null, MaintenanceState.Mode.READ_ONLY, "Upgrade", "alice");
			mode.schedule(start.plusSeconds(3600), null, MaintenanceState.Mode.READ_ONLY, "Upgrade", "alice");
			mode.disable("bob");
			mode.schedule(start, null, MaintenanceState.Mode.FULL, "Migration", null);
			mode.enable(MaintenanceState.Mode.FULL, "Migration", null, "carol");
			AuditEventRepository repository = context.getBean(AuditEventRepository.class);
			assertThat(repository.find(null, Instant.EPOCH, null))
				.extracting(AuditEvent::getType, AuditEvent::getPrincipal)
				.containsExactly(tuple("MAINTENANCE_WINDOW_PLANNED", "alice"),
						tuple("MAINTENANCE_WINDOW_PLANNED", "alice"), tuple("MAINTENANCE_WINDOW_CANCELLED", "bob"),
						tuple("MAINTENANCE_WINDOW_PLANNED", "anonymous"), tuple("MAINTENANCE_ENABLED", "carol"));
			assertThat(repository.find("bob", Instant.EPOCH, "MAINTENANCE_WINDOW_CANCELLED")).singleElement()
				.satisfies((event) -> assertThat(event.getData()).containsEntry("start", "2099-12-01T02:00:00Z")
					.containsEntry("mode", "READ_ONLY"));
		});
	}

	@Test
	void configuredWindowIsAuditedWhenPlannedBegunAndEnded() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
		this.runner.withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new)
			.withBean(Clock.class, () -> clock)
			.withPropertyValues("maintenance.windows[0].start=2026-12-01T01:00:00Z",
					"maintenance.windows[0].duration=30m", "maintenance.windows[0].reason=Upgrade")
			.run((context) -> {
				MaintenanceWindowScheduler scheduler = context.getBean(MaintenanceWindowScheduler.class);
				scheduler.tick();
				clock.set(Instant.parse("2026-12-01T01:00:00Z"));
				scheduler.tick();
				clock.set(Instant.parse("2026-12-01T01:30:00Z"));
				scheduler.tick();
				AuditEventRepository repository = context.getBean(AuditEventRepository.class);
				assertThat(repository.find(null, Instant.EPOCH, null))
					.extracting(AuditEvent::getType, AuditEvent::getPrincipal)
					.containsExactly(tuple("MAINTENANCE_WINDOW_PLANNED", "configuration"),
							tuple("MAINTENANCE_ENABLED", "configuration"), tuple("MAINTENANCE_DISABLED", "window"));
			});
	}

	@Test
	void drainIsAuditedWithWhoAsked() {
		this.runner.withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new).run((context) -> {
			InstanceDrain drain = context.getBean(InstanceDrain.class);
			drain.drain("alice");
			drain.drain("alice");
			drain.resume();
			AuditEventRepository repository = context.getBean(AuditEventRepository.class);
			assertThat(repository.find(null, Instant.EPOCH, null))
				.extracting(AuditEvent::getType, AuditEvent::getPrincipal)
				.containsExactly(tuple("MAINTENANCE_DRAIN_STARTED", "alice"),
						tuple("MAINTENANCE_DRAIN_ENDED", "anonymous"));
		});
	}

	@Test
	void noAuditWithoutARepository() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MaintenanceAuditPublisher.class));
	}

}
