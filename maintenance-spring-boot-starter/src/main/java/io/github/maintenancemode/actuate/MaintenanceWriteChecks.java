package io.github.maintenancemode.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * What a write to the {@code maintenance} endpoint must be before the actuator binds it,
 * whatever the web stack: no query parameters (the actuator would merge them into the
 * fields, so {@code ?enabled=true} overrode the body), a JSON content type on every
 * {@code POST} (the drain included, so that no cross-site form or beacon can drain a
 * node), a body that {@link MaintenanceWriteBody} accepts, and the method the client sent
 * (no form can become a {@code DELETE} through a method override). The servlet and the
 * reactive write filters carry these checks out.
 */
final class MaintenanceWriteChecks {

	/**
	 * The longest body a write may have.
	 */
	static final int MAX_BODY = 4 * 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private MaintenanceWriteChecks() {
	}

	/**
	 * Whether a method may change something: any but {@code GET}, {@code HEAD},
	 * {@code OPTIONS} and {@code TRACE}.
	 * @param method the method
	 * @return whether it is a write
	 */
	static boolean isWrite(String method) {
		return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method));
	}

	/**
	 * Whether a path is the endpoint's path or below it.
	 * @param path the request's path
	 * @param uri the endpoint's path
	 * @return whether the request reaches the endpoint
	 */
	static boolean isWithin(String path, String uri) {
		if (uri.isEmpty() || !path.startsWith(uri)) {
			return false;
		}
		if (path.length() == uri.length()) {
			return true;
		}
		char next = path.charAt(uri.length());
		return next == '/' || next == ';';
	}

	/**
	 * Check what comes before the body of a write.
	 * @param method the method the application sees
	 * @param sentMethod the method the client sent
	 * @param contentType the {@code Content-Type}, or {@code null}
	 * @param query the raw query, or {@code null}
	 * @return why the write is refused, or {@code null} when it may go on
	 */
	static @Nullable Refusal checkHead(String method, String sentMethod, @Nullable String contentType,
			@Nullable String query) {
		if (!method.equals(sentMethod)) {
			return new Refusal(400, "method", "A write is sent with its own method (" + method
					+ "); a method override of " + sentMethod + " is not accepted");
		}
		if (("POST".equals(method) || contentType != null) && !isJson(contentType)) {
			return new Refusal(415, "Content-Type", "A write needs 'Content-Type: application/json'");
		}
		if (query != null && !query.isEmpty()) {
			String name = query.split("[&=]", 2)[0];
			return new Refusal(400, name,
					"Query parameters are not accepted on a write ('" + name + "'); send the fields in the JSON body");
		}
		return null;
	}

	/**
	 * Check the body of a {@code POST}.
	 * @param body the body, read up to one byte more than {@link #MAX_BODY}
	 * @return why the write is refused, or {@code null} when it may go on
	 */
	static @Nullable Refusal checkBody(byte[] body) {
		if (body.length > MAX_BODY) {
			return tooLong();
		}
		try {
			MaintenanceWriteBody.check(body);
			return null;
		}
		catch (InvalidMaintenanceRequestException ex) {
			return new Refusal(400, ex.getField(), ex.getMessage());
		}
	}

	/**
	 * The refusal of a body longer than {@link #MAX_BODY}.
	 * @return the refusal
	 */
	static Refusal tooLong() {
		return new Refusal(400, "body", "The body is longer than " + MAX_BODY + " bytes");
	}

	private static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.getType().equals("application")
					&& (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * A refused write: answered with its status and a JSON body that names the field.
	 *
	 * @param status the status
	 * @param field the field at fault
	 * @param message why
	 */
	record Refusal(int status, String field, String message) {

		/**
		 * The content type of the body.
		 */
		static final String CONTENT_TYPE = "application/json;charset=UTF-8";

		/**
		 * The body: {@code {"status":...,"error":"...","field":"..."}}.
		 * @return the body in UTF-8
		 */
		byte[] body() {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("status", this.status);
			body.put("error", this.message);
			body.put("field", this.field);
			return JSON.writeValueAsBytes(body);
		}

	}

}
