package io.github.maintenancemode.actuate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * Makes the writes of the {@code maintenance} endpoint take exactly what they document,
 * before the actuator binds them: no query parameters (the actuator would merge them into
 * the fields, so {@code ?enabled=true} overrode the body), a JSON content type on every
 * {@code POST} (the drain included, so that no cross-site form or beacon can drain a
 * node), a body that {@link MaintenanceWriteBody} accepts, and the method the client sent
 * (no form can become a {@code DELETE} through a method override). A refused write
 * answers 400 (415 for another content type) with a JSON body that names the field, and
 * changes nothing.
 */
public class MaintenanceWriteRequestFilter implements Filter {

	private static final int MAX_BODY = 4 * 1024 * 1024;

	private final Supplier<String> endpointUri;

	private volatile @Nullable String uri;

	/**
	 * Create the filter.
	 * @param endpointUri the endpoint's request URI (context path, servlet path and the
	 * endpoint's mapped path), asked on the first request; {@code ""} when the endpoint
	 * is not served here (the actuator is on a separate management port)
	 */
	public MaintenanceWriteRequestFilter(Supplier<String> endpointUri) {
		this.endpointUri = endpointUri;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
			chain.doFilter(request, response);
			return;
		}
		String method = http.getMethod();
		String sentMethod = sentMethod(http);
		if ((!isWrite(method) && !isWrite(sentMethod)) || !isEndpoint(http)) {
			chain.doFilter(request, response);
			return;
		}
		if (!method.equals(sentMethod)) {
			refuse(httpResponse, 400, "method", "A write is sent with its own method (" + method
					+ "); a method override of " + sentMethod + " is not accepted");
			return;
		}
		boolean post = "POST".equals(method);
		String contentType = http.getContentType();
		if ((post || contentType != null) && !isJson(contentType)) {
			refuse(httpResponse, 415, "Content-Type", "A write needs 'Content-Type: application/json'");
			return;
		}
		String query = http.getQueryString();
		if (query != null && !query.isEmpty()) {
			String name = query.split("[&=]", 2)[0];
			refuse(httpResponse, 400, name,
					"Query parameters are not accepted on a write ('" + name + "'); send the fields in the JSON body");
			return;
		}
		if (!post) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			refuse(httpResponse, 400, "body", "The body is longer than " + MAX_BODY + " bytes");
			return;
		}
		try {
			MaintenanceWriteBody.check(body);
		}
		catch (InvalidMaintenanceRequestException ex) {
			refuse(httpResponse, 400, ex.getField(), ex.getMessage());
			return;
		}
		chain.doFilter(new CachedBodyRequest(http, body), response);
	}

	/**
	 * Return the method the client sent: the container's request, under any wrapper (a
	 * filter such as Spring's {@code HiddenHttpMethodFilter} turns a form's {@code POST}
	 * with {@code _method=DELETE} into a {@code DELETE}).
	 */
	private static String sentMethod(HttpServletRequest request) {
		ServletRequest sent = request;
		while (sent instanceof ServletRequestWrapper wrapper) {
			sent = wrapper.getRequest();
		}
		return (sent instanceof HttpServletRequest http) ? http.getMethod() : request.getMethod();
	}

	/**
	 * Whether the request reaches the endpoint: its URI as sent, or the path the
	 * container resolved from it (decoded, without dot segments or {@code ;} parameters)
	 * under the application's own context path, since a request that the container
	 * resolves to the endpoint is routed there too, whatever the spelling of its context
	 * path.
	 */
	private boolean isEndpoint(HttpServletRequest request) {
		String uri = this.uri;
		if (uri == null) {
			uri = this.endpointUri.get();
			this.uri = uri;
		}
		if (uri.isEmpty()) {
			return false;
		}
		if (isWithin(request.getRequestURI(), uri)) {
			return true;
		}
		String pathInfo = request.getPathInfo();
		String resolved = request.getServletContext().getContextPath() + request.getServletPath()
				+ ((pathInfo != null) ? pathInfo : "");
		return isWithin(resolved, uri);
	}

	private static boolean isWithin(String path, String uri) {
		if (!path.startsWith(uri)) {
			return false;
		}
		if (path.length() == uri.length()) {
			return true;
		}
		char next = path.charAt(uri.length());
		return next == '/' || next == ';';
	}

	private static boolean isWrite(String method) {
		return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method));
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

	private static void refuse(HttpServletResponse response, int status, String field, String message)
			throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		String body = "{\"status\":" + status + ",\"error\":\"" + escape(message) + "\",\"field\":\"" + escape(field)
				+ "\"}";
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * The request with its body read once and served again.
	 */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("Not an asynchronous read");
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
