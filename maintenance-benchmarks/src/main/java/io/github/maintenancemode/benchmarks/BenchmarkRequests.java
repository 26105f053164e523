package io.github.maintenancemode.benchmarks;

import java.lang.reflect.Constructor;

import io.github.maintenancemode.web.MaintenanceRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpSession;

/**
 * The requests the benchmarks send, built once and reused for every invocation. They look
 * like what the servlet container hands to a filter of an application whose dispatcher
 * servlet is mapped to {@code /}: the whole path is the servlet path.
 */
final class BenchmarkRequests {

	/**
	 * A browser's {@code Accept} header.
	 */
	static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	/**
	 * An API client's {@code Accept} header.
	 */
	static final String API_ACCEPT = "application/json";

	/**
	 * The rest of the filter chain: does nothing.
	 */
	static final FilterChain CHAIN = (request, response) -> {
	};

	private BenchmarkRequests() {
	}

	/**
	 * A visitor that no rule of {@link MaintenanceContext#ACCESS_RULES} admits: another
	 * path, address and host, a session without a signed-in user, and no bypass cookie.
	 * @param accept the {@code Accept} header
	 * @return the request
	 */
	static BenchmarkRequest refused(String accept) {
		return get("/api/notes", accept);
	}

	/**
	 * A request for a path that {@code maintenance.allow.paths} admits.
	 * @return the request
	 */
	static BenchmarkRequest admittedByPath() {
		return get("/api/job-runs", API_ACCEPT);
	}

	/**
	 * A request for the page's return poll.
	 * @return the request
	 */
	static BenchmarkRequest statusPoll() {
		return get("/maintenance-assets/status", API_ACCEPT);
	}

	/**
	 * Return the view of a request that the filter hands to the access rules: the
	 * starter's own (package-private) view class, built once here so that a benchmark of
	 * the rules measures the rules alone.
	 * @param request the request
	 * @return the view
	 * @throws IllegalStateException when the starter's view class has changed shape
	 */
	static MaintenanceRequest view(HttpServletRequest request) {
		try {
			Constructor<?> constructor = Class
				.forName("io.github.maintenancemode.web.servlet.ServletMaintenanceRequest")
				.getDeclaredConstructor(HttpServletRequest.class, String.class);
			constructor.setAccessible(true);
			return (MaintenanceRequest) constructor.newInstance(request, request.getServletPath());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot build the filter's request view", ex);
		}
	}

	private static BenchmarkRequest get(String path, String accept) {
		BenchmarkRequest request = new BenchmarkRequest(path).header(HttpHeaders.HOST, "www.example.com")
			.header(HttpHeaders.ACCEPT, accept)
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
			.cookies(new Cookie("JSESSIONID", "5F2A9C0E1B7D4E3F8A6C2B1D0E9F7A3C"),
					new Cookie("consent", "analytics=0"));
		request.setRemoteAddr("198.51.100.23");
		request.setServerName("www.example.com");
		MockHttpSession session = new MockHttpSession();
		session.setAttribute("cart", "3 items");
		request.setSession(session);
		return request;
	}

}
