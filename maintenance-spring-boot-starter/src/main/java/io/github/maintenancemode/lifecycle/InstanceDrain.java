package io.github.maintenancemode.lifecycle;

import io.github.maintenancemode.MaintenanceModeChangedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Takes this instance alone out of the load balancer: while drained, Spring Boot's
 * readiness state is {@code REFUSING_TRAFFIC}, so the load balancer stops sending new
 * requests here while the other instances serve; requests that still arrive are served
 * normally (no maintenance page). Cluster-wide maintenance refuses traffic too only with
 * {@code maintenance.readiness.refuse-traffic-when-enabled}: if every replica refused
 * traffic, the ingress would have no backend and show its own error instead of the page.
 * Each start and end of a drain publishes an {@link InstanceDrainEvent}.
 */
public class InstanceDrain implements ApplicationListener<MaintenanceModeChangedEvent> {

	private static final Log logger = LogFactory.getLog(InstanceDrain.class);

	private final ApplicationEventPublisher publisher;

	private final boolean refuseTrafficWhenEnabled;

	private boolean draining;

	private boolean maintenance;

	private ReadinessState published = ReadinessState.ACCEPTING_TRAFFIC;

	public InstanceDrain(ApplicationEventPublisher publisher, boolean refuseTrafficWhenEnabled) {
		this.publisher = publisher;
		this.refuseTrafficWhenEnabled = refuseTrafficWhenEnabled;
	}

	/**
	 * Stop taking new traffic on this instance.
	 */
	public void drain() {
		drain(null);
	}

	/**
	 * Stop taking new traffic on this instance, and publish an {@link InstanceDrainEvent}
	 * when it was taking traffic.
	 * @param by who asks, or {@code null} when unknown
	 */
	public synchronized void drain(@Nullable String by) {
		if (!this.draining) {
			this.draining = true;
			logger.info("Draining this instance (by " + ((by != null) ? by : "unknown")
					+ "): readiness is now REFUSING_TRAFFIC");
			publish();
			this.publisher.publishEvent(new InstanceDrainEvent(this, true, by));
		}
	}

	/**
	 * Take traffic again.
	 */
	public void resume() {
		resume(null);
	}

	/**
	 * Take traffic again, and publish an {@link InstanceDrainEvent} when the instance was
	 * drained.
	 * @param by who asks, or {@code null} when unknown
	 */
	public synchronized void resume(@Nullable String by) {
		if (this.draining) {
			this.draining = false;
			logger.info("This instance takes traffic again (by " + ((by != null) ? by : "unknown") + ")");
			publish();
			this.publisher.publishEvent(new InstanceDrainEvent(this, false, by));
		}
	}

	/**
	 * Return whether this instance is drained.
	 * @return whether it is drained
	 */
	public synchronized boolean isDraining() {
		return this.draining;
	}

	@Override
	public synchronized void onApplicationEvent(MaintenanceModeChangedEvent event) {
		this.maintenance = event.getCurrent().enabled();
		if (this.refuseTrafficWhenEnabled) {
			publish();
		}
	}

	private void publish() {
		boolean refuse = this.draining || (this.refuseTrafficWhenEnabled && this.maintenance);
		ReadinessState state = refuse ? ReadinessState.REFUSING_TRAFFIC : ReadinessState.ACCEPTING_TRAFFIC;
		if (state != this.published) {
			this.published = state;
			AvailabilityChangeEvent.publish(this.publisher, this, state);
		}
	}

}
