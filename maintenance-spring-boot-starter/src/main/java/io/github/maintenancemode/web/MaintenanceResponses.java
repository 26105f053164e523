package io.github.maintenancemode.web;

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
import java.util.function.Function;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.RetryAfter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;
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

	private static final int MAX_CACHED_LOCALES = 32;

	private static final String ABOUT_BLANK = "about:blank";

	private static final long FIRST_MARK = 1_000_000_001L;

	private static final long SECOND_MARK = 2_000_000_002L;

	private static final byte[] STATUS_OFF = "{\"active\":false}".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] STATUS_ON_HEAD = "{\"active\":true,\"retryAfter\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] STATUS_ON_TAIL = { '}' };

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
	 * The problem details body, in a language, in the three parts around its
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

	private static final byte[][] STATUS_OFF_PARTS = { STATUS_OFF };

	private static final byte[][] STATUS_ON = { STATUS_ON_HEAD, STATUS_ON_TAIL };

	/**
	 * The decimal digits of a number of seconds, in ASCII.
	 * @param seconds the seconds
	 * @return the digits
	 */
	public static byte[] digits(long seconds) {
		return Long.toString(seconds).getBytes(StandardCharsets.US_ASCII);
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
			MaintenanceMessages messages = MaintenanceResponses.this.messages;
			String title = messages.get(prefix + "title", locale);
			String detail = (this.state.reason() != null) ? this.state.reason()
					: messages.get(prefix + "detail", locale);
			byte[] plain = (title + "\n" + detail + "\n").getBytes(StandardCharsets.UTF_8);
			byte[] first = encodeProblem(title, detail, FIRST_MARK);
			byte[] second = encodeProblem(title, detail, SECOND_MARK);
			// the two differ only where retryAfter's value is: what comes before and
			// after it is the same for every request
			int head = 0;
			while (head < first.length && head < second.length && first[head] == second[head]) {
				head++;
			}
			int tail = 0;
			while (tail < first.length - head && tail < second.length - head
					&& first[first.length - 1 - tail] == second[second.length - 1 - tail]) {
				tail++;
			}
			return new Texts(plain, new byte[][] { Arrays.copyOfRange(first, 0, head),
					Arrays.copyOfRange(first, first.length - tail, first.length) });
		}

		private byte[] encodeProblem(String title, String detail, long retryAfterSeconds) {
			String type = MaintenanceResponses.this.problemType;
			ProblemDetail problem = ProblemDetail.forStatus(MaintenanceResponses.this.status);
			problem.setType(URI.create(type));
			if (!type.equals(ABOUT_BLANK)) {
				// with about:blank the title must be the status phrase (RFC 9457 §4.2.1)
				problem.setTitle(title);
			}
			problem.setDetail(detail);
			problem.setProperty("mode", this.state.mode().name());
			problem.setProperty("until", (this.state.until() != null) ? this.state.until().toString() : null);
			problem.setProperty("retryAfter", retryAfterSeconds);
			return MaintenanceResponses.this.problemEncoder.encode(problem);
		}

		byte @Nullable [] cachedPage(Locale requested, boolean formRefused) {
			return this.pages.get(new PageKey(cacheKey(requested), formRefused));
		}

		byte[] page(Locale requested, boolean formRefused, Function<Locale, String> rendering) {
			Locale locale = cacheKey(requested);
			byte[] page = this.pages.get(new PageKey(locale, formRefused));
			if (page != null) {
				return page;
			}
			PageKey key = new PageKey(bounded(this.pages, locale), formRefused);
			return this.pages.computeIfAbsent(key, (k) -> rendering.apply(k.locale()).getBytes(StandardCharsets.UTF_8));
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
			return Locale.forLanguageTag(MaintenanceResponses.this.messages.get("maintenance.page.lang", locale));
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
	private record Texts(byte[] plain, byte[][] problem) {

	}

	private record PageKey(Locale locale, boolean formRefused) {

	}

}
