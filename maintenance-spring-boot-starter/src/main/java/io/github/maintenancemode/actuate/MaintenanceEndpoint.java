package io.github.maintenancemode.actuate;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceStateConflictException;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.lifecycle.InstanceDrain;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code maintenance} actuator endpoint: {@code GET} reports the status, {@code POST}
 * switches maintenance on or off (or plans a window), {@code DELETE} switches it off.
 * Writing needs {@code management.endpoint.maintenance.access=unrestricted}.
 */
@WebEndpoint(id = "maintenance", defaultAccess = Access.READ_ONLY)
public class MaintenanceEndpoint {

	static final String DRAIN = "drain";

	private final MaintenanceMode maintenanceMode;

	private final MaintenanceActivity activity;

	private final Clock clock;

	private final Duration retryAfter;

	private final InstanceDrain instanceDrain;

	public MaintenanceEndpoint(MaintenanceMode maintenanceMode, MaintenanceActivity activity, Clock clock,
			Duration retryAfter, InstanceDrain instanceDrain) {
		this.instanceDrain = instanceDrain;
		this.maintenanceMode = maintenanceMode;
		this.activity = activity;
		this.clock = clock;
		this.retryAfter = retryAfter;
	}

	@ReadOperation
	public MaintenanceStatusDescriptor status() {
		return MaintenanceStatusDescriptor.of(this.maintenanceMode, this.activity, this.clock, this.retryAfter,
				this.instanceDrain);
	}

	@WriteOperation
	public WebEndpointResponse<Object> change(@Nullable Object enabled, @Nullable Object reason, @Nullable Object mode,
			@Nullable Object start, @Nullable Object until, @Nullable Object duration, @Nullable Object autoEnd,
			SecurityContext securityContext) {
		MaintenanceChangeRequest request;
		try {
			request = MaintenanceChangeRequest.parse(enabled, reason, mode, start, until, duration, autoEnd,
					this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
		}
		catch (InvalidMaintenanceRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage(), ex.getField());
		}
		String user = principalName(securityContext);
		return write(() -> request.applyTo(this.maintenanceMode, user));
	}

	@DeleteOperation
	public WebEndpointResponse<Object> disable(SecurityContext securityContext) {
		String user = principalName(securityContext);
		return write(() -> this.maintenanceMode.disable(user));
	}

	/**
	 * {@code POST /actuator/maintenance/drain}: this instance alone stops getting new
	 * traffic (readiness {@code REFUSING_TRAFFIC}) while it keeps serving what arrives.
	 * @param action {@value #DRAIN}
	 * @param securityContext who asks
	 * @return the status, whose {@code drain.idle} tells when the in-flight work is done
	 */
	@WriteOperation
	public WebEndpointResponse<Object> drain(@Selector String action, SecurityContext securityContext) {
		if (!DRAIN.equals(action)) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, "Unknown action '" + action + "'", null);
		}
		this.instanceDrain.drain(principalName(securityContext));
		return new WebEndpointResponse<>(status(), WebEndpointResponse.STATUS_OK);
	}

	/**
	 * {@code DELETE /actuator/maintenance/drain}: this instance takes traffic again.
	 * @param action {@value #DRAIN}
	 * @param securityContext who asks
	 * @return the status
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> resume(@Selector String action, SecurityContext securityContext) {
		if (!DRAIN.equals(action)) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, "Unknown action '" + action + "'", null);
		}
		this.instanceDrain.resume(principalName(securityContext));
		return new WebEndpointResponse<>(status(), WebEndpointResponse.STATUS_OK);
	}

	private WebEndpointResponse<Object> write(Runnable change) {
		try {
			change.run();
			return new WebEndpointResponse<>(status(), WebEndpointResponse.STATUS_OK);
		}
		catch (MaintenanceStoreUnavailableException ex) {
			return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE,
					"The maintenance state store is unreachable; the state was not changed", null);
		}
		catch (MaintenanceStateConflictException ex) {
			return error(409, "The maintenance state kept changing concurrently; the state was not changed", null);
		}
		catch (IllegalStateException ex) {
			String message = ex.getMessage();
			return error(409, (message != null) ? message : "The change conflicts with the stored state", "start");
		}
	}

	private static WebEndpointResponse<Object> error(int status, String message, @Nullable String field) {
		Map<String, Object> body = (field != null) ? Map.of("status", status, "error", message, "field", field)
				: Map.of("status", status, "error", message);
		return new WebEndpointResponse<>(body, status);
	}

	private static @Nullable String principalName(SecurityContext securityContext) {
		Principal principal = securityContext.getPrincipal();
		return (principal != null) ? principal.getName() : null;
	}

}
