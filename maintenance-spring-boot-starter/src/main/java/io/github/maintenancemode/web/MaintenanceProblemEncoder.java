package io.github.maintenancemode.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * Writes the problem details of a maintenance response as JSON ({@code RFC 9457}). Used
 * once per state and language: the bodies are cached.
 */
@FunctionalInterface
public interface MaintenanceProblemEncoder {

	/**
	 * Encode problem details.
	 * @param problem the problem details
	 * @return the JSON, in UTF-8
	 */
	byte[] encode(ProblemDetail problem);

	/**
	 * Return an encoder on a JSON mapper, such as the application's: its settings apply,
	 * and the problem's properties are written as members of their own, as Spring MVC
	 * writes problem details.
	 * @param mapper the mapper
	 * @return the encoder
	 */
	static MaintenanceProblemEncoder of(JsonMapper mapper) {
		JsonMapper problemMapper = mapper.rebuild()
			.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
			.build();
		return problemMapper::writeValueAsBytes;
	}

	/**
	 * Return an encoder on a JSON mapper with Jackson's defaults.
	 * @return the encoder
	 */
	static MaintenanceProblemEncoder withDefaultMapper() {
		return of(JsonMapper.builder().build());
	}

}
