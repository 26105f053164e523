package io.github.maintenancemode.web.servlet;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.maintenancemode.MaintenanceActivity;
import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import io.github.maintenancemode.web.ExemptPaths;
import io.github.maintenancemode.web.MaintenanceAccessPolicy;
import io.github.maintenancemode.web.MaintenanceDecider;
import io.github.maintenancemode.web.MaintenanceMessages;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link MaintenanceFilter} with servlet mocks: dispatch types and counting of
 * requests in flight.
 */
class MaintenanceFilterDispatchTests {

	private final MaintenanceMode maintenanceMode = new MaintenanceMode(new InMemoryMaintenanceStateStore(),
			(event) -> {
			}, Clock.systemUTC());

	private final MaintenanceActivity activity = new MaintenanceActivity();

	private MaintenanceFilter filter;

	@BeforeEach
	void createFilter() {
		TemplateEngine templates = new TemplateEngine();
		templates.setTemplateResolver(new StringTemplateResolver());
		MaintenanceResponseWriter writer = new MaintenanceResponseWriter(
				new MaintenancePageRenderer(templates, "page", new MaintenanceMessages(null), Clock.systemUTC(),
						Duration.ofMinutes(5), () -> ""),
				new MaintenanceMessages(null), Clock.systemUTC(), Duration.ofMinutes(5), 503, null);
		MaintenanceDecider decider = new MaintenanceDecider(
				new ExemptPaths(() -> List.of(PathPatternParser.defaultInstance.parse("/actuator/maintenance"))),
				new MaintenanceAccessPolicy(List.of()), writer.responses(), null);
		this.filter = new MaintenanceFilter(this.maintenanceMode, decider, writer, this.activity, null, () -> "");
	}

	@Test
	void errorDispatchesPassWhileOn() throws Exception {
		this.maintenanceMode.enable("Upgrade");
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setDispatcherType(DispatcherType.ERROR);
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void refusedRequestNeverReachesTheChain() throws Exception {
		this.maintenanceMode.enable("Upgrade");
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setServletPath("/");
		request.addPreferredLocale(Locale.ENGLISH);
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(this.activity.inFlightRequests()).isZero();
	}

	@Test
	void admittedRequestIsInFlightWhileTheChainRuns() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setServletPath("/work");
		long[] seen = new long[1];
		this.filter.doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen[0] = this.activity.inFlightRequests());
		assertThat(seen[0]).isEqualTo(1);
		assertThat(this.activity.inFlightRequests()).isZero();
	}

	@Test
	void exemptRequestsAreNotCounted() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/maintenance");
		request.setServletPath("/actuator/maintenance");
		long[] seen = { -1 };
		this.filter.doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen[0] = this.activity.inFlightRequests());
		assertThat(seen[0]).as("in flight, seen by the chain").isZero();
	}

	@Test
	void asyncRequestIsInFlightUntilItCompletes() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/stream");
		request.setServletPath("/stream");
		request.setAsyncSupported(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		AsyncContext[] async = new AsyncContext[1];
		this.filter.doFilter(request, response, (req, res) -> async[0] = req.startAsync());
		assertThat(this.activity.inFlightRequests()).isEqualTo(1);
		this.maintenanceMode.update((state) -> new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null, null,
				null, null, state.version()));
		assertThat(this.activity.inFlightRequests()).isEqualTo(1);
		((MockAsyncContext) async[0]).complete();
		assertThat(this.activity.inFlightRequests()).isZero();
	}

}
