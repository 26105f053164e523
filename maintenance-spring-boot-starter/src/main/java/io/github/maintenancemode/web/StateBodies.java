package io.github.maintenancemode.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;

/**
 * The bodies of the maintenance responses for one state, rendered once per locale (and,
 * for the page, per whether it answers a form) and then served from cached bytes.
 */
final class StateBodies {

	private static final int MAX_CACHED_LOCALES = 32;

	private static final String ABOUT_BLANK = "about:blank";

	private static final long FIRST_MARK = 1_000_000_001L;

	private static final long SECOND_MARK = 2_000_000_002L;

	private final MaintenanceState state;

	private final MaintenanceMessages messages;

	private final int status;

	private final String problemType;

	private final MaintenanceProblemEncoder problemEncoder;

	private final Map<Locale, Texts> texts = new ConcurrentHashMap<>();

	private final Map<PageKey, byte[]> pages = new ConcurrentHashMap<>();

	StateBodies(MaintenanceState state, MaintenanceMessages messages, int status, String problemType,
			MaintenanceProblemEncoder problemEncoder) {
		this.state = state;
		this.messages = messages;
		this.status = status;
		this.problemType = problemType;
		this.problemEncoder = problemEncoder;
	}

	MaintenanceState state() {
		return this.state;
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
		String title = this.messages.get(prefix + "title", locale);
		String detail = (this.state.reason() != null) ? this.state.reason()
				: this.messages.get(prefix + "detail", locale);
		byte[] plain = (title + "\n" + detail + "\n").getBytes(StandardCharsets.UTF_8);
		byte[][] problem = aroundValue((mark) -> encodeProblem(title, detail, mark));
		return new Texts(plain, problem);
	}

	/**
	 * Render a body twice, with two values of one number, and return what comes before
	 * and after that number: the same for every value.
	 * @param rendering renders the body with a given value
	 * @return the parts before and after the value
	 */
	static byte[][] aroundValue(LongFunction<byte[]> rendering) {
		byte[] first = rendering.apply(FIRST_MARK);
		byte[] second = rendering.apply(SECOND_MARK);
		int head = 0;
		while (head < first.length && head < second.length && first[head] == second[head]) {
			head++;
		}
		int tail = 0;
		while (tail < first.length - head && tail < second.length - head
				&& first[first.length - 1 - tail] == second[second.length - 1 - tail]) {
			tail++;
		}
		return new byte[][] { Arrays.copyOfRange(first, 0, head),
				Arrays.copyOfRange(first, first.length - tail, first.length) };
	}

	private byte[] encodeProblem(String title, String detail, long retryAfterSeconds) {
		String type = this.problemType;
		ProblemDetail problem = ProblemDetail.forStatus(this.status);
		problem.setType(URI.create(type));
		if (!type.equals(ABOUT_BLANK)) {
			// with about:blank the title must be the status phrase (RFC 9457 §4.2.1)
			problem.setTitle(title);
		}
		problem.setDetail(detail);
		problem.setProperty("mode", this.state.mode().name());
		problem.setProperty("until", (this.state.until() != null) ? this.state.until().toString() : null);
		problem.setProperty("retryAfter", retryAfterSeconds);
		return this.problemEncoder.encode(problem);
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
	 * language its texts come out in (the application's own translation, or English), so
	 * that made-up languages share one entry.
	 */
	private Locale cacheKey(Locale locale) {
		if (MaintenanceMessages.LANGUAGES.contains(locale.getLanguage())) {
			return locale;
		}
		return Locale.forLanguageTag(this.messages.get("maintenance.page.lang", locale));
	}

	/**
	 * The cache is bounded: once it holds 32 locales, a new one is served the entry of
	 * its language alone (for the languages the starter ships) or the English one, rather
	 * than costing a render per request; so a flood of rare locales never keeps a German
	 * visitor from a German page.
	 */
	private Locale bounded(Map<?, ?> cache, Locale locale) {
		if (cache.size() < MAX_CACHED_LOCALES) {
			return locale;
		}
		String language = locale.getLanguage();
		return MaintenanceMessages.LANGUAGES.contains(language) ? Locale.forLanguageTag(language) : Locale.ENGLISH;
	}

	/**
	 * The plain text and the problem JSON around its {@code retryAfter} value, in one
	 * language.
	 *
	 * @param plain the plain text body
	 * @param problem the problem JSON before {@code retryAfter}'s value and after it
	 */
	record Texts(byte[] plain, byte[][] problem) {

	}

	private record PageKey(Locale locale, boolean formRefused) {

	}

}
