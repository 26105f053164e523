package io.github.maintenancemode.web;

import java.io.IOException;
import java.util.function.Supplier;

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
import org.jspecify.annotations.Nullable;

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

	private final MaintenanceAccessPolicy accessPolicy;

	private final MaintenanceResponseWriter responseWriter;

	private final ExemptPaths exemptPaths;

	private final MaintenanceActivity activity;

	private final @Nullable BypassLink bypassLink;

	private final @Nullable MaintenanceAnnouncer announcer;

	private final AsyncListener asyncCompletion;

	private final Supplier<String> dispatcherServletPrefix;

	private volatile @Nullable String pathPrefix;

	private volatile @Nullable DeferredDecision deferredDecision;

	/**
	 * Create the filter.
	 * @param maintenanceMode the switch
	 * @param accessPolicy decides who passes while maintenance is on
	 * @param responseWriter writes the maintenance response
	 * @param exemptPaths paths that always pass
	 * @param activity counts the requests in flight
	 * @param bypass the bypass rule whose link sets the bypass cookie, or {@code null}
	 * @param announcer announces planned windows, or {@code null}
	 * @param dispatcherServletPrefix the dispatcher servlet's path prefix ({@code ""}
	 * when it is mapped to {@code /}), asked once, on the first request
	 */
	public MaintenanceFilter(MaintenanceMode maintenanceMode, MaintenanceAccessPolicy accessPolicy,
			MaintenanceResponseWriter responseWriter, ExemptPaths exemptPaths, MaintenanceActivity activity,
			@Nullable BypassCookieAccessRule bypass, @Nullable MaintenanceAnnouncer announcer,
			Supplier<String> dispatcherServletPrefix) {
		this.dispatcherServletPrefix = dispatcherServletPrefix;
		this.announcer = announcer;
		this.maintenanceMode = maintenanceMode;
		this.accessPolicy = accessPolicy;
		this.responseWriter = responseWriter;
		this.exemptPaths = exemptPaths;
		this.activity = activity;
		this.bypassLink = (bypass != null && bypass.isConfigured()) ? new BypassLink(bypass) : null;
		this.asyncCompletion = new AsyncCompletion(activity);
	}

	/**
	 * Hand requests that only the role of their user could admit to Spring Security, to
	 * be decided again by the given filter once the user is known.
	 * @param decision the filter that decides later (a {@link MaintenanceRoleFilter},
	 * which runs right after Spring Security's), or {@code null} to decide every request
	 * here
	 */
	public void setDeferredDecision(@Nullable DeferredDecision decision) {
		this.deferredDecision = decision;
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
		ExemptPaths.Exemption exemption = this.exemptPaths.exemptionOf(httpRequest.getMethod(), uri, offset);
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
				if (this.bypassLink != null && this.bypassLink.handle(httpRequest, httpResponse)) {
					return;
				}
				String path = (offset >= 0 && CanonicalPaths.isCanonical(uri)) ? uri.substring(offset) : null;
				ServletMaintenanceRequest view = new ServletMaintenanceRequest(httpRequest, path);
				if (!this.accessPolicy.admits(view, state)) {
					DeferredDecision later = this.deferredDecision;
					if (later == null || !later.mayAdmitLater(httpRequest)) {
						this.responseWriter.write(this.responseWriter.kindFor(view), httpRequest, state, httpResponse);
						return;
					}
					request.setAttribute(DeferredDecision.ATTRIBUTE, view);
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

	private void announce(MaintenanceState state, HttpServletRequest request, HttpServletResponse response) {
		MaintenanceNotice notice = this.announcer.noticeFor(state);
		if (notice != null) {
			request.setAttribute(MaintenanceNotice.ATTRIBUTE, notice);
			response.setHeader(MaintenanceNotice.HEADER, this.announcer.headerValue(notice));
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
