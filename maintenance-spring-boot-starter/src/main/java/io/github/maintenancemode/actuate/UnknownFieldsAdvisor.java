package io.github.maintenancemode.actuate;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Refuses a request to the {@code maintenance} endpoint that carries a field the
 * operation does not know, with a 400 that names it: the actuator would otherwise ignore
 * it, and {@code {"enabled": true, "mdoe": "READ_ONLY"}} would close the whole site
 * instead of leaving it readable.
 */
public class UnknownFieldsAdvisor implements OperationInvokerAdvisor {

	private static final EndpointId MAINTENANCE = EndpointId.of("maintenance");

	@Override
	public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
			OperationInvoker invoker) {
		if (!MAINTENANCE.equals(endpointId) || operationType == OperationType.READ) {
			return invoker;
		}
		Set<String> known = new HashSet<>();
		for (OperationParameter parameter : parameters) {
			known.add(parameter.getName());
		}
		return (context) -> {
			for (String name : context.getArguments().keySet()) {
				if (!known.contains(name)) {
					return new WebEndpointResponse<>(
							Map.of("status", WebEndpointResponse.STATUS_BAD_REQUEST, "error",
									"Unknown field '" + name + "'", "field", name),
							WebEndpointResponse.STATUS_BAD_REQUEST);
				}
			}
			return invoker.invoke(context);
		};
	}

}
