package io.github.maintenancemode.web.reactive;

import java.util.function.Consumer;
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
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The maintenance filter of reactive applications: the counterpart of the servlet filter,
 * carrying out what the same {@link MaintenanceDecider} decides. While maintenance is off
 * it reads one volatile reference and passes the exchange on. While it is on, a request
 * that no rule admits gets the maintenance response and never reaches the application.
 * Requests that pass are counted as in flight until their response completes, fails or is
 * cancelled. The filter answers the page's return poll ({@value ExemptPaths#STATUS_PATH})
 * itself; ahead of a planned window it sets the {@code maintenanceNotice} exchange
 * attribute and the {@code Maintenance-Notice} header, and while the site is read-only
 * that attribute tells the application that writes are closed.
 * <p>
 * The path the rules see is the path within the application (after WebFlux's base path),
 * raw, as the handler mappings match it; a request whose raw path is not canonical has no
 * path and is never exempt or admitted by a path.
 */
public class MaintenanceWebFilter implements WebFilter, Ordered, ApplicationContextAware {

	private final MaintenanceMode maintenanceMode;

	private final MaintenanceDecider decider;

	private final ReactiveMaintenanceResponseWriter responseWriter;

	private final MaintenanceActivity activity;

	private final @Nullable MaintenanceAnnouncer announcer;

	private final Supplier<@Nullable String> sessionCookieName;

	private final Consumer<SignalType> finished;

	private int order = Ordered.HIGHEST_PRECEDENCE;

	private @Nullable ApplicationContext applicationContext;

	/**
	 * Create the filter.
	 * @param maintenanceMode the switch
	 * @param decider decides what a request gets
	 * @param responseWriter writes the maintenance response
	 * @param activity counts the requests in flight
	 * @param announcer announces planned windows, or {@code null}
	 * @param sessionCookieName the name of the application's session cookie, asked when a
	 * request is decided
	 */
	public MaintenanceWebFilter(MaintenanceMode maintenanceMode, MaintenanceDecider decider,
			ReactiveMaintenanceResponseWriter responseWriter, MaintenanceActivity activity,
			@Nullable MaintenanceAnnouncer announcer, Supplier<@Nullable String> sessionCookieName) {
		this.maintenanceMode = maintenanceMode;
		this.decider = decider;
		this.responseWriter = responseWriter;
		this.activity = activity;
		this.announcer = announcer;
		this.sessionCookieName = sessionCookieName;
		this.finished = (signal) -> activity.requestFinished();
	}

	/**
	 * The decision this filter carries out.
	 * @return the decider
	 */
	public MaintenanceDecider getDecider() {
		return this.decider;
	}

	/**
	 * Set the order of this filter among the application's web filters.
	 * @param order the order
	 */
	public void setOrder(int order) {
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * Set the application context whose server this filter guards. A child context, such
	 * as the actuator's on a separate management port, builds its server from the web
	 * filters of its parent too: its exchanges pass untouched.
	 * @param applicationContext the application's context
	 */
	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ApplicationContext served = exchange.getApplicationContext();
		if (served != null && this.applicationContext != null && served != this.applicationContext) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		RequestPath requestPath = request.getPath();
		String uri = requestPath.value();
		int offset = requestPath.contextPath().value().length();
		ExemptPaths.Exemption exemption = this.decider.exemptionOf(request.getMethod().name(), uri, offset);
		if (exemption == ExemptPaths.Exemption.STATUS) {
			return this.responseWriter.writeStatus(this.maintenanceMode.status(), exchange.getResponse());
		}
		if (exemption == ExemptPaths.Exemption.PASS) {
			return chain.filter(exchange);
		}
		// counted before the state is read, so that no request admitted while maintenance
		// was off can be missing from the count once it is on
		this.activity.requestStarted();
		boolean handedOver = false;
		try {
			MaintenanceState state = this.maintenanceMode.status();
			Mono<Void> handled;
			if (state.enabled()) {
				ReactiveMaintenanceRequest view = new ReactiveMaintenanceRequest(request,
						MaintenanceDecider.handlerPath(uri, offset), this.sessionCookieName.get());
				MaintenanceDecision decision = this.decider.decide(view, state);
				if (decision.action() != MaintenanceDecision.Action.PASS && view.mayHaveSession()) {
					// a rule may admit the request by its session: decide again once the
					// session is resolved
					handled = exchange.getSession().flatMap((session) -> {
						ReactiveMaintenanceRequest withSession = view.withSession(session);
						return carryOut(this.decider.decide(withSession, state), withSession, state, exchange, chain);
					});
				}
				else {
					handled = carryOut(decision, view, state, exchange, chain);
				}
			}
			else {
				if (state.scheduledStart() != null && this.announcer != null) {
					announce(state, exchange);
				}
				handled = chain.filter(exchange);
			}
			handled = handled.doFinally(this.finished);
			handedOver = true;
			return handled;
		}
		finally {
			if (!handedOver) {
				this.activity.requestFinished();
			}
		}
	}

	private Mono<Void> carryOut(MaintenanceDecision decision, ReactiveMaintenanceRequest view, MaintenanceState state,
			ServerWebExchange exchange, WebFilterChain chain) {
		switch (decision.action()) {
			case BYPASS -> {
				return this.responseWriter.writeBypass(decision.bypassRedirect(), exchange.getResponse());
			}
			case REFUSE -> {
				return this.responseWriter.write(decision.kind(), exchange, state);
			}
			case DEFER -> exchange.getAttributes().put(DeferredDecision.ATTRIBUTE, view);
			case PASS -> {
			}
		}
		if (state.mode() == MaintenanceState.Mode.READ_ONLY && this.announcer != null) {
			exchange.getAttributes().put(MaintenanceNotice.ATTRIBUTE, this.announcer.readOnlyNoticeFor(state));
		}
		return chain.filter(exchange);
	}

	private void announce(MaintenanceState state, ServerWebExchange exchange) {
		MaintenanceAnnouncer announcer = this.announcer;
		MaintenanceNotice notice = (announcer != null) ? announcer.noticeFor(state) : null;
		if (announcer != null && notice != null) {
			exchange.getAttributes().put(MaintenanceNotice.ATTRIBUTE, notice);
			exchange.getResponse().getHeaders().set(MaintenanceNotice.HEADER, announcer.headerValue(notice));
		}
	}

}
