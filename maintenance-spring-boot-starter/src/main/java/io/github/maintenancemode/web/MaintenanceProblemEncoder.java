package io.github.maintenancemode.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.SerializationFeature;
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
	 * Return an encoder on a JSON mapper, such as the application's: its settings apply
	 * (modules, indentation, escaping), except those that would make the body something
	 * other than RFC 9457 problem details: member names stay as the RFC names them,
	 * numbers stay numbers, nothing wraps the object and {@code until} is always there.
	 * The problem's properties are written as members of their own, as Spring MVC writes
	 * problem details.
	 * @param mapper the mapper
	 * @return the encoder
	 */
	static MaintenanceProblemEncoder of(JsonMapper mapper) {
		JsonMapper problemMapper = mapper.rebuild()
			.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
			.propertyNamingStrategy(null)
			.disable(SerializationFeature.WRAP_ROOT_VALUE)
			.disable(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
			.changeDefaultPropertyInclusion(
					(inclusion) -> JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
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
