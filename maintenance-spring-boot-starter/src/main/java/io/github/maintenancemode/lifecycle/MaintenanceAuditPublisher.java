package io.github.maintenancemode.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.maintenancemode.MaintenanceModeChangedEvent;
import io.github.maintenancemode.MaintenanceState;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Records {@value #ENABLED} and {@value #DISABLED} actuator audit events, with the
 * principal and the reason, when maintenance goes on or off, and {@value #CHANGED} when
 * its mode, reason or end changes while it stays on.
 */
public class MaintenanceAuditPublisher implements ApplicationListener<MaintenanceModeChangedEvent> {

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

	private final ApplicationEventPublisher publisher;

	public MaintenanceAuditPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onApplicationEvent(MaintenanceModeChangedEvent event) {
		MaintenanceState state = event.getCurrent();
		boolean changedWhileOn = !event.isToggle() && state.enabled() && event.getPrevious().enabled();
		if (!event.isToggle() && !changedWhileOn) {
			return;
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("mode", state.mode().name());
		if (state.reason() != null) {
			data.put("reason", state.reason());
		}
		if (state.until() != null) {
			data.put("until", state.until().toString());
		}
		String principal = (state.updatedBy() != null) ? state.updatedBy() : "anonymous";
		String type = changedWhileOn ? CHANGED : (state.enabled() ? ENABLED : DISABLED);
		this.publisher.publishEvent(new AuditApplicationEvent(principal, type, data));
	}

}
