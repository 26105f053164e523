package io.github.maintenancemode.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.RetryAfter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The maintenance responses, whatever the web stack: which representation a request gets
 * and the bodies of each, rendered once per state (and language, for the page) and then
 * served from cached bytes. The adapter of each stack writes them with the headers every
 * maintenance response has: {@code Retry-After}, {@code Cache-Control: no-store},
 * {@code Vary: Accept} and {@code X-Content-Type-Options: nosniff}.
 */
public class MaintenanceResponses {

	/**
	 * The {@code type} of the problem details of a maintenance response, unless another
	 * is configured: a URI of its own, so that clients can tell a maintenance 503 from
	 * any other 503.
	 */
	public static final String DEFAULT_PROBLEM_TYPE = "tag:maintenancemode.github.io,2026:maintenance";

	/**
	 * The content type of the page.
	 */
	public static final String HTML_CONTENT_TYPE = "text/html;charset=UTF-8";

	/**
	 * The content type of the plain text.
	 */
	public static final String PLAIN_CONTENT_TYPE = "text/plain;charset=UTF-8";

	/**
	 * The content type of the problem details.
	 */
	public static final String PROBLEM_CONTENT_TYPE = "application/problem+json";

	/**
	 * The content type of the answer to the return poll.
	 */
	public static final String STATUS_CONTENT_TYPE = "application/json";

	private static final JsonMapper STATUS_MAPPER = JsonMapper.builder().build();

	private static final byte[][] STATUS_OFF_PARTS = { STATUS_MAPPER.writeValueAsBytes(Map.of("active", false)) };

	private static final byte[][] STATUS_ON = StateBodies.aroundValue(MaintenanceResponses::activeStatus);

	private final MaintenancePageRenderer pageRenderer;

	private final MaintenanceMessages messages;

	private final Clock clock;

	private final Duration retryAfter;

	private final int status;

	private final @Nullable String redirectUrl;

	private final @Nullable URI redirectTarget;

	private volatile @Nullable StateBodies bodies;

	private List<PathPattern> jsonPaths = List.of();

	private String problemType = DEFAULT_PROBLEM_TYPE;

	private MaintenanceResponseListener listener = (kind) -> {
	};

	private MaintenanceProblemEncoder problemEncoder = MaintenanceProblemEncoder.withDefaultMapper();

	/**
	 * Create the responses.
	 * @param pageRenderer renders the page
	 * @param messages the texts
	 * @param clock the clock
	 * @param retryAfter the delay clients wait when the end is unknown
	 * @param status the status of a maintenance response, a 4xx or 5xx code
	 * @param redirectUrl where browsers are sent instead of the page, or {@code null}
	 * @throws IllegalArgumentException naming a status or redirect URL that is not valid
	 */
	public MaintenanceResponses(MaintenancePageRenderer pageRenderer, MaintenanceMessages messages, Clock clock,
			Duration retryAfter, int status, @Nullable String redirectUrl) {
		this.pageRenderer = pageRenderer;
		this.messages = messages;
		this.clock = clock;
		this.retryAfter = retryAfter;
		this.status = status;
		this.redirectUrl = redirectUrl;
		this.redirectTarget = (redirectUrl != null) ? parseRedirectUrl(redirectUrl) : null;
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("the status must be a 4xx or 5xx code, but was " + status);
		}
	}

	private static URI parseRedirectUrl(String redirectUrl) {
		try {
			URI uri = new URI(redirectUrl);
			boolean absolute = uri.getScheme() != null
					&& (uri.getScheme().equals("http") || uri.getScheme().equals("https")) && uri.getHost() != null;
			if (absolute || (uri.getScheme() == null && redirectUrl.startsWith("/") && !redirectUrl.startsWith("//"))) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new IllegalArgumentException(
				"'" + redirectUrl + "' is neither an http(s) URL nor a path starting with '/'");
	}

	/**
	 * Set the listener told of every maintenance response.
	 * @param listener the listener
	 */
	public void setListener(MaintenanceResponseListener listener) {
		this.listener = listener;
	}

	/**
	 * Make the requests whose handler path matches one of the given patterns always get
	 * problem JSON ({@code maintenance.response.json-paths}).
	 * @param patterns path patterns, relative to the context path and the dispatcher
	 * servlet's path
	 * @throws IllegalArgumentException naming a pattern that is not valid
	 */
	public void setJsonPaths(List<String> patterns) {
		List<PathPattern> parsed = new ArrayList<>(patterns.size());
		for (String pattern : patterns) {
			try {
				parsed.add(PathPatternParser.defaultInstance.parse(pattern.strip()));
			}
			catch (PatternParseException ex) {
				throw new IllegalArgumentException("'" + pattern + "' is not a valid path pattern: " + ex.getMessage(),
						ex);
			}
		}
		this.jsonPaths = List.copyOf(parsed);
	}

	/**
	 * Set the {@code type} of the problem details
	 * ({@code maintenance.response.problem-type}).
	 * @param problemType an absolute URI
	 * @throws IllegalArgumentException if it is not an absolute URI
	 */
	public void setProblemType(String problemType) {
		try {
			if (!new URI(problemType).isAbsolute()) {
				throw new IllegalArgumentException("'" + problemType + "' is not an absolute URI");
			}
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("'" + problemType + "' is not a URI: " + ex.getMessage(), ex);
		}
		this.problemType = problemType;
		this.bodies = null;
	}

	/**
	 * Set how problem details are written to JSON: by default with a plain JSON mapper.
	 * @param encoder the encoder, usually on the application's JSON mapper
	 */
	public void setProblemEncoder(MaintenanceProblemEncoder encoder) {
		this.problemEncoder = encoder;
		this.bodies = null;
	}

	/**
	 * Choose the representation for a request. A request that names no representation (no
	 * {@code Accept} header, or only {@code *}{@code /*}) gets problem JSON when it is
	 * clearly made by a program: a browser's {@code fetch()} or {@code XMLHttpRequest}
	 * ({@code Sec-Fetch-Mode} other than {@code navigate}, or {@code X-Requested-With});
	 * otherwise plain text. A browser is sent to the redirect URL, when one is set,
	 * unless it asks for that URL itself.
	 * @param request the request
	 * @return the representation
	 */
	public MaintenanceResponseKind kindFor(MaintenanceRequest request) {
		if (!this.jsonPaths.isEmpty() && isJsonPath(request.path())) {
			return MaintenanceResponseKind.JSON;
		}
		MaintenanceResponseKind kind = MaintenanceResponseKind.negotiate(request.accept());
		if (kind == MaintenanceResponseKind.PLAIN && isProgrammatic(request)) {
			return MaintenanceResponseKind.JSON;
		}
		return (kind == MaintenanceResponseKind.HTML && this.redirectTarget != null && !isRedirectTarget(request))
				? MaintenanceResponseKind.REDIRECT : kind;
	}

	private boolean isJsonPath(@Nullable String path) {
		if (path == null) {
			return false;
		}
		PathContainer container = HandlerPaths.parse(path);
		if (container == null) {
			return false;
		}
		for (PathPattern pattern : this.jsonPaths) {
			if (pattern.matches(container)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isProgrammatic(MaintenanceRequest request) {
		if (request.header("X-Requested-With") != null) {
			return true;
		}
		String mode = request.header("Sec-Fetch-Mode");
		return mode != null && !mode.isEmpty() && !mode.equalsIgnoreCase("navigate");
	}

	/**
	 * Whether the request is for the redirect target itself: redirecting it would loop.
	 * The target is a URI as browsers see it, raw (as the request's path is): the
	 * request's path matches it with the application's context path and servlet prefix in
	 * front of it, or alone (behind a proxy that strips a prefix).
	 */
	private boolean isRedirectTarget(MaintenanceRequest request) {
		URI target = this.redirectTarget;
		String path = request.path();
		if (target == null || path == null) {
			return false;
		}
		String targetPath = target.getRawPath();
		if (!path.equals(targetPath) && !(this.pageRenderer.pathPrefix() + path).equals(targetPath)) {
			return false;
		}
		String host = request.host();
		if (target.getHost() == null || host == null) {
			return true;
		}
		int colon = host.lastIndexOf(':');
		String hostName = (colon > 0 && host.indexOf(']', colon) < 0) ? host.substring(0, colon) : host;
		return hostName.equalsIgnoreCase(target.getHost());
	}

	/**
	 * Tell the listener of a maintenance response about to be written.
	 * @param kind its representation
	 */
	public void refused(MaintenanceResponseKind kind) {
		this.listener.refused(kind);
	}

	/**
	 * The status of a maintenance response.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Where browsers are sent instead of the page.
	 * @return the redirect URL, or {@code null}
	 */
	public @Nullable String redirectUrl() {
		return this.redirectUrl;
	}

	/**
	 * The seconds a client should wait before it tries again, for the {@code Retry-After}
	 * header and the bodies.
	 * @param state the current state
	 * @return the seconds
	 */
	public long retryAfterSeconds(MaintenanceState state) {
		return RetryAfter.seconds(state, this.clock.instant(), this.retryAfter);
	}

	/**
	 * The plain text body, in a language.
	 * @param state the current state
	 * @param locale the language
	 * @return the body
	 */
	public byte[] plain(MaintenanceState state, Locale locale) {
		return bodiesFor(state).texts(locale).plain();
	}

	/**
	 * The problem details body, in a language, in the two parts around its
	 * {@code retryAfter} value: the part before it, and the part after it.
	 * @param state the current state
	 * @param locale the language
	 * @return the part before {@code retryAfter}'s value ({@code [0]}) and after it
	 * ({@code [1]})
	 */
	public byte[][] problem(MaintenanceState state, Locale locale) {
		return bodiesFor(state).texts(locale).problem();
	}

	/**
	 * The page answered to a request, as long as it is cached.
	 * @param state the current state
	 * @param locale the visitor's language
	 * @param formRefused whether the page answers a form submission
	 * @return the page, or {@code null} when it is still to be rendered
	 */
	public byte @Nullable [] cachedPage(MaintenanceState state, Locale locale, boolean formRefused) {
		return bodiesFor(state).cachedPage(locale, formRefused);
	}

	/**
	 * The page answered to a request, rendered when it is not cached yet.
	 * @param state the current state
	 * @param locale the visitor's language
	 * @param formRefused whether the page answers a form submission
	 * @param rendering renders the page in the language it is cached under
	 * @return the page
	 */
	public byte[] page(MaintenanceState state, Locale locale, boolean formRefused, Function<Locale, String> rendering) {
		return bodiesFor(state).page(locale, formRefused, rendering);
	}

	/**
	 * The page renderer.
	 * @return the renderer
	 */
	public MaintenancePageRenderer pageRenderer() {
		return this.pageRenderer;
	}

	/**
	 * The answer to the page's return poll, in parts: {@code {"active":false}}, or
	 * <code>&#123;"active":true,"retryAfter":</code> and <code>&#125;</code> around the
	 * seconds.
	 * @param state the current state
	 * @return one part while maintenance is off, the two around the seconds while it is
	 * on
	 */
	public static byte[][] statusParts(MaintenanceState state) {
		return state.enabled() ? STATUS_ON : STATUS_OFF_PARTS;
	}

	/**
	 * The decimal digits of a number of seconds, in ASCII.
	 * @param seconds the seconds
	 * @return the digits
	 */
	public static byte[] digits(long seconds) {
		return Long.toString(seconds).getBytes(StandardCharsets.US_ASCII);
	}

	private StateBodies bodiesFor(MaintenanceState state) {
		StateBodies current = this.bodies;
		if (current == null || !current.state().equals(state)) {
			current = new StateBodies(state, this.messages, this.status, this.problemType, this.problemEncoder);
			this.bodies = current;
		}
		return current;
	}

	private static byte[] activeStatus(long retryAfterSeconds) {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("active", true);
		status.put("retryAfter", retryAfterSeconds);
		return STATUS_MAPPER.writeValueAsBytes(status);
	}

}
