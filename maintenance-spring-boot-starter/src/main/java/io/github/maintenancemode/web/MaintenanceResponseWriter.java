package io.github.maintenancemode.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.RetryAfter;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Writes the maintenance response: status, {@code Retry-After}, {@code Cache-Control:
 * no-store}, {@code Vary: Accept} and a body in the representation the client asked for
 * (the response is never stored, so {@code Vary} need not name the other headers that
 * mark a program). Bodies are rendered once per state (and language, for the page) and
 * then served from cached bytes.
 */
public class MaintenanceResponseWriter {

	/**
	 * The {@code type} of the problem details of a maintenance response, unless another
	 * is configured: a URI of its own, so that clients can tell a maintenance 503 from
	 * any other 503.
	 */
	public static final String DEFAULT_PROBLEM_TYPE = "tag:maintenancemode.github.io,2026:maintenance";

	private static final int MAX_CACHED_LOCALES = 32;

	private static final String ABOUT_BLANK = "about:blank";

	private static final long FIRST_MARK = 1_000_000_001L;

	private static final long SECOND_MARK = 2_000_000_002L;

	private static final byte[] STATUS_OFF = "{\"active\":false}".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] STATUS_ON_HEAD = "{\"active\":true,\"retryAfter\":".getBytes(StandardCharsets.US_ASCII);

	private final MaintenancePageRenderer pageRenderer;

	private final MaintenanceMessages messages;

	private final Clock clock;

	private final Duration retryAfter;

	private final int status;

	private final @Nullable String redirectUrl;

	private final @Nullable URI redirectTarget;

	private volatile @Nullable Bodies bodies;

	private List<PathPattern> jsonPaths = List.of();

	private String problemType = DEFAULT_PROBLEM_TYPE;

	private MaintenanceResponseListener listener = (kind) -> {
	};

	private MaintenanceLocaleResolver localeResolver = (request, response) -> request.getLocale();

	private MaintenanceProblemEncoder problemEncoder = MaintenanceProblemEncoder.withDefaultMapper();

	public MaintenanceResponseWriter(MaintenancePageRenderer pageRenderer, MaintenanceMessages messages, Clock clock,
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
	 * Choose the representation for a request. A request that names no representation (no
	 * {@code Accept} header, or only {@code *}{@code /*}) gets problem JSON when it is
	 * clearly made by a program: a browser's {@code fetch()} or {@code XMLHttpRequest}
	 * ({@code Sec-Fetch-Mode} other than {@code navigate}, or {@code X-Requested-With});
	 * otherwise plain text.
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

	private boolean isJsonPath(@Nullable String path) {
		if (path == null) {
			return false;
		}
		PathContainer container = PathContainer.parsePath(path);
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
	 * Set how the language of a response is chosen: by default the request's
	 * {@code Accept-Language}.
	 * @param localeResolver the locale the application would choose for a request
	 */
	public void setLocaleResolver(MaintenanceLocaleResolver localeResolver) {
		this.localeResolver = localeResolver;
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
	 * Write the maintenance response.
	 * @param kind the representation, from {@link #kindFor}
	 * @param request the refused request (its locale chooses the texts; a page is
	 * rendered in its web context when none is cached)
	 * @param state the current state
	 * @param response the response to write
	 * @throws IOException on a write error
	 */
	public void write(MaintenanceResponseKind kind, HttpServletRequest request, MaintenanceState state,
			HttpServletResponse response) throws IOException {
		this.listener.refused(kind);
		MaintenanceObservationFilter.markRefused(request);
		long retryAfterSeconds = RetryAfter.seconds(state, this.clock.instant(), this.retryAfter);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (kind == MaintenanceResponseKind.REDIRECT && this.redirectUrl != null) {
			response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
			response.setHeader(HttpHeaders.LOCATION, this.redirectUrl);
			return;
		}
		Locale locale = this.localeResolver.resolve(request, response);
		Bodies bodies = bodiesFor(state);
		response.setStatus(this.status);
		switch (kind) {
			case HTML -> {
				boolean formRefused = !MaintenanceAccessPolicy.isSafe(request.getMethod());
				send(response, "text/html;charset=UTF-8", bodies.page(locale, formRefused, request, response));
			}
			case JSON -> sendProblem(response, bodies.texts(locale), retryAfterSeconds);
			default -> send(response, "text/plain;charset=UTF-8", bodies.texts(locale).plain());
		}
	}

	/**
	 * Write the answer to the page's return poll: 200 with {@code {"active":false}} or
	 * {@code {"active":true,"retryAfter":N}}, never cached.
	 * @param state the current state
	 * @param response the response to write
	 * @throws IOException on a write error
	 */
	public void writeStatus(MaintenanceState state, HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (!state.enabled()) {
			send(response, "application/json", STATUS_OFF);
			return;
		}
		byte[] seconds = Long.toString(RetryAfter.seconds(state, this.clock.instant(), this.retryAfter))
			.getBytes(StandardCharsets.US_ASCII);
		response.setContentType("application/json");
		response.setContentLength(STATUS_ON_HEAD.length + seconds.length + 1);
		ServletOutputStream out = response.getOutputStream();
		out.write(STATUS_ON_HEAD);
		out.write(seconds);
		out.write('}');
	}

	private void send(HttpServletResponse response, String contentType, byte[] body) throws IOException {
		response.setContentType(contentType);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private void sendProblem(HttpServletResponse response, Texts texts, long retryAfterSeconds) throws IOException {
		byte[] seconds = Long.toString(retryAfterSeconds).getBytes(StandardCharsets.US_ASCII);
		response.setContentType("application/problem+json");
		response.setContentLength(texts.problemHead().length + seconds.length + texts.problemTail().length);
		ServletOutputStream out = response.getOutputStream();
		out.write(texts.problemHead());
		out.write(seconds);
		out.write(texts.problemTail());
	}

	private Bodies bodiesFor(MaintenanceState state) {
		Bodies current = this.bodies;
		if (current == null || !current.state.equals(state)) {
			current = new Bodies(state);
			this.bodies = current;
		}
		return current;
	}

	/**
	 * The bodies rendered for one state, per locale (and, for the page, per whether it
	 * answers a form).
	 */
	private final class Bodies {

		private final MaintenanceState state;

		private final Map<Locale, Texts> texts = new ConcurrentHashMap<>();

		private final Map<PageKey, byte[]> pages = new ConcurrentHashMap<>();

		Bodies(MaintenanceState state) {
			this.state = state;
		}

		Texts texts(Locale requested) {
			Locale locale = cacheKey(requested);
			Texts texts = this.texts.get(locale);
			if (texts != null) {
				return texts;
			}
			return this.texts.computeIfAbsent(bounded(this.texts, locale), this::renderTexts);
		}

		private Texts renderTexts(Locale locale) {
			boolean readOnly = this.state.mode() == MaintenanceState.Mode.READ_ONLY;
			String prefix = readOnly ? "maintenance.problem.read-only." : "maintenance.problem.";
			MaintenanceMessages messages = MaintenanceResponseWriter.this.messages;
			String title = messages.get(prefix + "title", locale);
			String detail = (this.state.reason() != null) ? this.state.reason()
					: messages.get(prefix + "detail", locale);
			byte[] plain = (title + "\n" + detail + "\n").getBytes(StandardCharsets.UTF_8);
			byte[] first = encodeProblem(title, detail, FIRST_MARK);
			byte[] second = encodeProblem(title, detail, SECOND_MARK);
			// the two differ only where retryAfter's value is: what comes before and
			// after
			// it is the same for every request
			int head = 0;
			while (head < first.length && head < second.length && first[head] == second[head]) {
				head++;
			}
			int tail = 0;
			while (tail < first.length - head && tail < second.length - head
					&& first[first.length - 1 - tail] == second[second.length - 1 - tail]) {
				tail++;
			}
			return new Texts(plain, Arrays.copyOfRange(first, 0, head),
					Arrays.copyOfRange(first, first.length - tail, first.length));
		}

		private byte[] encodeProblem(String title, String detail, long retryAfterSeconds) {
			String type = MaintenanceResponseWriter.this.problemType;
			ProblemDetail problem = ProblemDetail.forStatus(MaintenanceResponseWriter.this.status);
			problem.setType(URI.create(type));
			if (!type.equals(ABOUT_BLANK)) {
				// with about:blank the title must be the status phrase (RFC 9457 §4.2.1)
				problem.setTitle(title);
			}
			problem.setDetail(detail);
			problem.setProperty("mode", this.state.mode().name());
			problem.setProperty("until", (this.state.until() != null) ? this.state.until().toString() : null);
			problem.setProperty("retryAfter", retryAfterSeconds);
			return MaintenanceResponseWriter.this.problemEncoder.encode(problem);
		}

		byte[] page(Locale requested, boolean formRefused, HttpServletRequest request, HttpServletResponse response) {
			Locale locale = cacheKey(requested);
			byte[] page = this.pages.get(new PageKey(locale, formRefused));
			if (page != null) {
				return page;
			}
			PageKey key = new PageKey(bounded(this.pages, locale), formRefused);
			return this.pages.computeIfAbsent(key,
					(k) -> MaintenanceResponseWriter.this.pageRenderer
						.render(this.state, k.locale(), formRefused, request, response)
						.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * The locale a body is cached under: a locale of a language the starter ships its
		 * texts in as it is (its country changes how dates are written), any other as the
		 * language its texts come out in (the application's own translation, or English),
		 * so that made-up languages share one entry.
		 */
		private Locale cacheKey(Locale locale) {
			if (MaintenanceMessages.LANGUAGES.contains(locale.getLanguage())) {
				return locale;
			}
			return Locale.forLanguageTag(MaintenanceResponseWriter.this.messages.get("maintenance.page.lang", locale));
		}

		/**
		 * The cache is bounded: once it holds 32 locales, a new one is served the entry
		 * of its language alone (for the languages the starter ships) or the English one,
		 * rather than costing a render per request; so a flood of rare locales never
		 * keeps a German visitor from a German page.
		 */
		private Locale bounded(Map<?, ?> cache, Locale locale) {
			if (cache.size() < MAX_CACHED_LOCALES) {
				return locale;
			}
			String language = locale.getLanguage();
			return MaintenanceMessages.LANGUAGES.contains(language) ? Locale.forLanguageTag(language) : Locale.ENGLISH;
		}

	}

	/**
	 * The plain text and the problem JSON around its {@code retryAfter} value, in one
	 * language.
	 */
	private record Texts(byte[] plain, byte[] problemHead, byte[] problemTail) {

	}

	private record PageKey(Locale locale, boolean formRefused) {

	}

}
