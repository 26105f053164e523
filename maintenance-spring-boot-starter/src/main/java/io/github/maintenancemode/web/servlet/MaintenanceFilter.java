package io.github.maintenancemode.web.servlet;

import java.io.IOException;
import java.util.function.Supplier;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.DeferredDecision;
import io.github.maintenancemode.web.ExemptPaths;
import io.github.maintenancemode.web.MaintenanceAnnouncer;
import io.github.maintenancemode.web.MaintenanceDecider;
import io.github.maintenancemode.web.MaintenanceDecision;
import io.github.maintenancemode.web.MaintenanceNotice;
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
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The maintenance filter. While maintenance is off it reads one volatile reference and
 * passes the request on, allocating nothing. While it is on, a request that no rule
 * admits gets the maintenance response and never reaches the application. Requests that
 * pass are counted as in flight until they complete (asynchronous ones included). The
 * filter also answers the page's return poll ({@value ExemptPaths#STATUS_PATH}) itself,
 * with a small 200 response, so that polling visitors cost next to nothing. Ahead of a
 * planned window it sets the {@code maintenanceNotice} request attribute and the
 * {@code Maintenance-Notice} header; while the site is read-only, that attribute tells
 * the application that writes are closed.
 */
public class MaintenanceFilter implements Filter {

	private final MaintenanceMode maintenanceMode;

	private final MaintenanceDecider decider;

	private final MaintenanceResponseWriter responseWriter;

	private final MaintenanceActivity activity;

	private final @Nullable MaintenanceAnnouncer announcer;

	private final AsyncListener asyncCompletion;

	private final Supplier<String> dispatcherServletPrefix;

	private volatile @Nullable String pathPrefix;

	/**
	 * Create the filter.
	 * @param maintenanceMode the switch
	 * @param decider decides what a request gets
	 * @param responseWriter writes the maintenance response
	 * @param activity counts the requests in flight
	 * @param announcer announces planned windows, or {@code null}
	 * @param dispatcherServletPrefix the dispatcher servlet's path prefix ({@code ""}
	 * when it is mapped to {@code /}), asked once, on the first request
	 */
	public MaintenanceFilter(MaintenanceMode maintenanceMode, MaintenanceDecider decider,
			MaintenanceResponseWriter responseWriter, MaintenanceActivity activity,
			@Nullable MaintenanceAnnouncer announcer, Supplier<String> dispatcherServletPrefix) {
		this.maintenanceMode = maintenanceMode;
		this.decider = decider;
		this.responseWriter = responseWriter;
		this.activity = activity;
		this.announcer = announcer;
		this.dispatcherServletPrefix = dispatcherServletPrefix;
		this.asyncCompletion = new AsyncCompletion(activity);
	}

	/**
	 * The decision this filter carries out.
	 * @return the decider
	 */
	public MaintenanceDecider getDecider() {
		return this.decider;
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
		String uri = httpRequest.getRequestURI();
		int offset = handlerPathOffset(httpRequest, uri);
		ExemptPaths.Exemption exemption = this.decider.exemptionOf(httpRequest.getMethod(), uri, offset);
		if (exemption == ExemptPaths.Exemption.STATUS) {
			this.responseWriter.writeStatus(this.maintenanceMode.status(), httpResponse);
			return;
		}
		if (exemption == ExemptPaths.Exemption.PASS) {
			chain.doFilter(request, response);
			return;
		}
		// counted before the state is read, so that no request admitted while maintenance
		// was off can be missing from the count once it is on
		this.activity.requestStarted();
		boolean handedOver = false;
		try {
			MaintenanceState state = this.maintenanceMode.status();
			if (state.enabled()) {
				String path = MaintenanceDecider.handlerPath(uri, offset);
				ServletMaintenanceRequest view = new ServletMaintenanceRequest(httpRequest, path);
				MaintenanceDecision decision = this.decider.decide(view, state);
				switch (decision.action()) {
					case BYPASS -> {
						bypass(decision.bypassRedirect(), httpResponse);
						return;
					}
					case REFUSE -> {
						this.responseWriter.write(decision.kind(), httpRequest, state, httpResponse);
						return;
					}
					case DEFER -> request.setAttribute(DeferredDecision.ATTRIBUTE, view);
					case PASS -> {
					}
				}
				if (state.mode() == MaintenanceState.Mode.READ_ONLY && this.announcer != null) {
					request.setAttribute(MaintenanceNotice.ATTRIBUTE, this.announcer.readOnlyNoticeFor(state));
				}
			}
			else if (state.scheduledStart() != null && this.announcer != null) {
				announce(state, httpRequest, httpResponse);
			}
			chain.doFilter(request, response);
			if (httpRequest.isAsyncStarted()) {
				httpRequest.getAsyncContext().addListener(this.asyncCompletion);
				handedOver = true;
			}
		}
		finally {
			if (!handedOver) {
				this.activity.requestFinished();
			}
		}
	}

	/**
	 * Return where the path that the handler mapping matches starts in the raw URI: after
	 * the context path and the dispatcher servlet's prefix, or -1 when the URI does not
	 * start with them literally (it is then outside the dispatcher servlet, or spells
	 * them in another form, and no path decides for it).
	 */
	private int handlerPathOffset(HttpServletRequest request, String uri) {
		String prefix = this.pathPrefix;
		if (prefix == null) {
			prefix = request.getServletContext().getContextPath() + this.dispatcherServletPrefix.get();
			this.pathPrefix = prefix;
		}
		if (!uri.startsWith(prefix)) {
			return -1;
		}
		return (uri.length() == prefix.length() || uri.charAt(prefix.length()) == '/') ? prefix.length() : -1;
	}

	private static void bypass(MaintenanceDecision.BypassRedirect redirect, HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, redirect.cookie().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.LOCATION, redirect.location());
		response.setStatus(HttpServletResponse.SC_SEE_OTHER);
	}

	private void announce(MaintenanceState state, HttpServletRequest request, HttpServletResponse response) {
		MaintenanceAnnouncer announcer = this.announcer;
		MaintenanceNotice notice = (announcer != null) ? announcer.noticeFor(state) : null;
		if (announcer != null && notice != null) {
			request.setAttribute(MaintenanceNotice.ATTRIBUTE, notice);
			response.setHeader(MaintenanceNotice.HEADER, announcer.headerValue(notice));
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
