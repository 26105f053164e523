package io.github.maintenancemode.actuate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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

/**
 * Makes the writes of the {@code maintenance} endpoint take exactly what they document,
 * before the actuator binds them (see {@link MaintenanceWriteChecks}). A refused write
 * answers 400 (415 for another content type) with a JSON body that names the field, and
 * changes nothing.
 */
public class MaintenanceWriteRequestFilter implements Filter {

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
		if ((!MaintenanceWriteChecks.isWrite(method) && !MaintenanceWriteChecks.isWrite(sentMethod))
				|| !isEndpoint(http)) {
			chain.doFilter(request, response);
			return;
		}
		MaintenanceWriteChecks.Refusal refusal = MaintenanceWriteChecks.checkHead(method, sentMethod,
				http.getContentType(), http.getQueryString());
		if (refusal != null) {
			refuse(httpResponse, refusal);
			return;
		}
		if (!"POST".equals(method)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = http.getInputStream().readNBytes(MaintenanceWriteChecks.MAX_BODY + 1);
		refusal = MaintenanceWriteChecks.checkBody(body);
		if (refusal != null) {
			refuse(httpResponse, refusal);
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
		if (MaintenanceWriteChecks.isWithin(request.getRequestURI(), uri)) {
			return true;
		}
		String pathInfo = request.getPathInfo();
		String resolved = request.getServletContext().getContextPath() + request.getServletPath()
				+ ((pathInfo != null) ? pathInfo : "");
		return MaintenanceWriteChecks.isWithin(resolved, uri);
	}

	private static void refuse(HttpServletResponse response, MaintenanceWriteChecks.Refusal refusal)
			throws IOException {
		byte[] body = refusal.body();
		response.setStatus(refusal.status());
		response.setContentType(MaintenanceWriteChecks.Refusal.CONTENT_TYPE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
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
