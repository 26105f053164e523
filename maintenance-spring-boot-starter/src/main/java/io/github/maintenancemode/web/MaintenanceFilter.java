package io.github.maintenancemode.web;

import java.io.IOException;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The maintenance filter. While maintenance is off it reads one volatile reference and
 * passes the request on, allocating nothing. While it is on, a request that no rule
 * admits gets the maintenance response and never reaches the application. Requests that
 * pass are counted as in flight until they complete (asynchronous ones included).
 */
public class MaintenanceFilter implements Filter {

	private final MaintenanceMode maintenanceMode;

	private final MaintenanceAccessPolicy accessPolicy;

	private final MaintenanceResponseWriter responseWriter;

	private final ExemptPaths exemptPaths;

	private final MaintenanceActivity activity;

	private final AsyncListener asyncCompletion;

	public MaintenanceFilter(MaintenanceMode maintenanceMode, MaintenanceAccessPolicy accessPolicy,
			MaintenanceResponseWriter responseWriter, ExemptPaths exemptPaths, MaintenanceActivity activity) {
		this.maintenanceMode = maintenanceMode;
		this.accessPolicy = accessPolicy;
		this.responseWriter = responseWriter;
		this.exemptPaths = exemptPaths;
		this.activity = activity;
		this.asyncCompletion = new AsyncCompletion(activity);
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest httpRequest)
				|| !(response instanceof HttpServletResponse httpResponse)
				|| request.getDispatcherType() != DispatcherType.REQUEST) {
			chain.doFilter(request, response);
			return;
		}
		String path = ServletMaintenanceRequest.pathOf(httpRequest);
		if (this.exemptPaths.matches(path)) {
			chain.doFilter(request, response);
			return;
		}
		MaintenanceState state = this.maintenanceMode.status();
		if (state.enabled()) {
			ServletMaintenanceRequest view = new ServletMaintenanceRequest(httpRequest, path);
			if (!this.accessPolicy.admits(view, state)) {
				this.responseWriter.write(this.responseWriter.kindFor(view), httpRequest.getLocale(), state,
						httpResponse);
				return;
			}
		}
		passTracked(httpRequest, httpResponse, chain);
	}

	private void passTracked(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		this.activity.requestStarted();
		boolean async = false;
		try {
			chain.doFilter(request, response);
			if (request.isAsyncStarted()) {
				request.getAsyncContext().addListener(this.asyncCompletion);
				async = true;
			}
		}
		finally {
			if (!async) {
				this.activity.requestFinished();
			}
		}
	}

	/**
	 * Ends the count of an asynchronous request when it completes.
	 */
	private record AsyncCompletion(MaintenanceActivity activity) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			this.activity.requestFinished();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
