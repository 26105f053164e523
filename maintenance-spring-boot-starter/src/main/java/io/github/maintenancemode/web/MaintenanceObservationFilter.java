package io.github.maintenancemode.web;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Gives every {@code http.server.requests} observation the low-cardinality key
 * {@value #KEY}: {@code true} for the requests that the maintenance filter answered
 * (their {@code uri} becomes {@value #URI}, as Spring's own {@code REDIRECTION} and
 * {@code NOT_FOUND}), {@code false} for all others. Alerts on the error rate exclude
 * planned maintenance with {@code maintenance="false"}; the {@code outcome} and
 * {@code status} stay those of the response. Every observation carries the key, because
 * Prometheus wants every meter of one name to have the same tag keys.
 * <p>
 * Applied by Spring Boot to its {@code ObservationRegistry}, after the convention's key
 * values, when the observation stops, to the observations of servlet and of reactive
 * applications. The response writers mark the requests they answer with the request (or
 * exchange) attribute {@link #REFUSED_ATTRIBUTE}.
 */
public class MaintenanceObservationFilter implements ObservationFilter {

	/**
	 * The name of the key.
	 */
	public static final String KEY = "maintenance";

	/**
	 * The {@code uri} of a request answered with the maintenance response.
	 */
	public static final String URI = "MAINTENANCE";

	/**
	 * The request attribute that marks a request answered with the maintenance response;
	 * its value is {@link Boolean#TRUE}.
	 */
	public static final String REFUSED_ATTRIBUTE = MaintenanceObservationFilter.class.getName() + ".refused";

	private static final KeyValue MAINTENANCE = KeyValue.of(KEY, "true");

	private static final KeyValue NO_MAINTENANCE = KeyValue.of(KEY, "false");

	private static final KeyValue MAINTENANCE_URI = KeyValue.of("uri", URI);

	@Override
	public Observation.Context map(Observation.Context context) {
		if (context instanceof ServerRequestObservationContext serverContext) {
			HttpServletRequest request = serverContext.getCarrier();
			mark(serverContext, request != null && request.getAttribute(REFUSED_ATTRIBUTE) != null);
		}
		else if (context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext reactiveContext) {
			mark(reactiveContext, reactiveContext.getAttributes().get(REFUSED_ATTRIBUTE) != null);
		}
		return context;
	}

	private static void mark(Observation.Context context, boolean refused) {
		if (refused) {
			context.addLowCardinalityKeyValue(MAINTENANCE);
			context.addLowCardinalityKeyValue(MAINTENANCE_URI);
		}
		else {
			context.addLowCardinalityKeyValue(NO_MAINTENANCE);
		}
	}

}
