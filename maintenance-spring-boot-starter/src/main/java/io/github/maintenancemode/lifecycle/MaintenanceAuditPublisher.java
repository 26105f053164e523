package io.github.maintenancemode.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.maintenancemode.MaintenanceModeChangedEvent;
import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Records actuator audit events, with the principal: {@value #ENABLED} and
 * {@value #DISABLED} (with the reason) when maintenance goes on or off, {@value #CHANGED}
 * when its mode, reason or end changes while it stays on, {@value #WINDOW_PLANNED} and
 * {@value #WINDOW_CANCELLED} when a window is planned (or planned anew) and when a window
 * that had not begun is called off, and {@value #DRAIN_STARTED} and {@value #DRAIN_ENDED}
 * when this instance is drained and takes traffic again.
 */
public class MaintenanceAuditPublisher implements SmartApplicationListener {

	/**
	 * The audit event type when maintenance goes on.
	 */
	public static final String ENABLED = "MAINTENANCE_ENABLED";

	/**
	 * The audit event type when maintenance goes off.
	 */
	public static final String DISABLED = "MAINTENANCE_DISABLED";

	/**
	 * The audit event type when the mode, reason or end of maintenance that stays on
	 * changes.
	 */
	public static final String CHANGED = "MAINTENANCE_CHANGED";

	/**
	 * The audit event type when a window is planned, or a planned window changes.
	 */
	public static final String WINDOW_PLANNED = "MAINTENANCE_WINDOW_PLANNED";

	/**
	 * The audit event type when a planned window is called off before it began.
	 */
	public static final String WINDOW_CANCELLED = "MAINTENANCE_WINDOW_CANCELLED";

	/**
	 * The audit event type when this instance is drained.
	 */
	public static final String DRAIN_STARTED = "MAINTENANCE_DRAIN_STARTED";

	/**
	 * The audit event type when this instance takes traffic again after a drain.
	 */
	public static final String DRAIN_ENDED = "MAINTENANCE_DRAIN_ENDED";

	private static final String ANONYMOUS = "anonymous";

	private final ApplicationEventPublisher publisher;

	public MaintenanceAuditPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return MaintenanceModeChangedEvent.class.isAssignableFrom(eventType)
				|| InstanceDrainEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof MaintenanceModeChangedEvent change) {
			onChange(change);
		}
		else if (event instanceof InstanceDrainEvent drain) {
			audit(drain.getBy(), drain.isDraining() ? DRAIN_STARTED : DRAIN_ENDED, Map.of());
		}
	}

	private void onChange(MaintenanceModeChangedEvent event) {
		MaintenanceState previous = event.getPrevious();
		MaintenanceState state = event.getCurrent();
		if (event.isToggle() || (state.enabled() && previous.enabled())) {
			String type = event.isToggle() ? (state.enabled() ? ENABLED : DISABLED) : CHANGED;
			audit(state.updatedBy(), type, describe(state));
		}
		else if (isPlanned(state)) {
			audit(state.updatedBy(), WINDOW_PLANNED, describe(state));
		}
		else if (isPlanned(previous)) {
			audit(state.updatedBy(), WINDOW_CANCELLED, describe(previous));
		}
	}

	private static boolean isPlanned(MaintenanceState state) {
		return !state.enabled() && state.scheduledStart() != null;
	}

	private static Map<String, Object> describe(MaintenanceState state) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("mode", state.mode().name());
		if (state.reason() != null) {
			data.put("reason", state.reason());
		}
		Instant scheduledStart = state.scheduledStart();
		if (scheduledStart != null && isPlanned(state)) {
			data.put("start", scheduledStart.toString());
		}
		if (state.until() != null) {
			data.put("until", state.until().toString());
		}
		return data;
	}

	private void audit(@Nullable String principal, String type, Map<String, Object> data) {
		this.publisher.publishEvent(new AuditApplicationEvent((principal != null) ? principal : ANONYMOUS, type, data));
	}

}
