package io.github.maintenancemode.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.servlet.MaintenanceResponseWriter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of how often the page is rendered: once per state and language, and never once
 * per request, whatever languages clients send.
 */
class MaintenancePageCacheTests {

	private final AtomicInteger renders = new AtomicInteger();

	private final List<Locale> rendered = new CopyOnWriteArrayList<>();

	private final MaintenanceResponseWriter writer = writer();

	@Test
	void theRedirectTargetItselfGetsThePageAndAPathlessRequestIsRedirected() {
		MaintenanceResponseWriter redirecting = new MaintenanceResponseWriter(
				new MaintenancePageRenderer(new SpringTemplateEngine(), "page", new MaintenanceMessages(null),
						Clock.systemUTC(), Duration.ofMinutes(5), () -> ""),
				new MaintenanceMessages(null), Clock.systemUTC(), Duration.ofMinutes(5), 503, "/status.html");
		assertThat(
				redirecting.responses().kindFor(TestRequests.to("/status.html").header("Accept", "text/html").build()))
			.isEqualTo(MaintenanceResponseKind.HTML);
		assertThat(redirecting.responses().kindFor(TestRequests.to("/shop").header("Accept", "text/html").build()))
			.isEqualTo(MaintenanceResponseKind.REDIRECT);
		assertThat(redirecting.responses().kindFor(TestRequests.to(null).header("Accept", "text/html").build()))
			.as("no canonical path: never the target")
			.isEqualTo(MaintenanceResponseKind.REDIRECT);
	}

	@Test
	void theRedirectTargetIsRecognisedUnderAContextAndServletPath() {
		MaintenanceResponseWriter redirecting = new MaintenanceResponseWriter(
				new MaintenancePageRenderer(new SpringTemplateEngine(), "page", new MaintenanceMessages(null),
						Clock.systemUTC(), Duration.ofMinutes(5), () -> "/ctx/app"),
				new MaintenanceMessages(null), Clock.systemUTC(), Duration.ofMinutes(5), 503, "/ctx/app/status.html");
		assertThat(
				redirecting.responses().kindFor(TestRequests.to("/status.html").header("Accept", "text/html").build()))
			.isEqualTo(MaintenanceResponseKind.HTML);
		assertThat(redirecting.responses()
			.kindFor(TestRequests.to("/ctx/app/status.html").header("Accept", "text/html").build()))
			.as("behind a proxy that strips the prefix")
			.isEqualTo(MaintenanceResponseKind.HTML);
		assertThat(
				redirecting.responses().kindFor(TestRequests.to("/other.html").header("Accept", "text/html").build()))
			.isEqualTo(MaintenanceResponseKind.REDIRECT);
	}

	@Test
	void anEncodedRedirectTargetIsRecognisedAsSent() {
		MaintenanceResponseWriter redirecting = new MaintenanceResponseWriter(
				new MaintenancePageRenderer(new SpringTemplateEngine(), "page", new MaintenanceMessages(null),
						Clock.systemUTC(), Duration.ofMinutes(5), () -> ""),
				new MaintenanceMessages(null), Clock.systemUTC(), Duration.ofMinutes(5), 503, "/wartung%C3%BC.html");
		assertThat(redirecting.responses()
			.kindFor(TestRequests.to("/wartung%C3%BC.html").header("Accept", "text/html").build()))
			.isEqualTo(MaintenanceResponseKind.HTML);
	}

	private MaintenanceResponseWriter writer() {
		SpringTemplateEngine templates = new SpringTemplateEngine();
		templates.setTemplateResolver(new StringTemplateResolver());
		MaintenancePageRenderer renderer = new MaintenancePageRenderer(templates, "page [[${reason}]]",
				new MaintenanceMessages(null), Clock.systemUTC(), Duration.ofMinutes(5), () -> "") {

			@Override
			public String render(MaintenanceState state, Locale locale, boolean formRefused,
					@Nullable Function<Map<String, Object>, PageContextScope> webContext) {
				MaintenancePageCacheTests.this.renders.incrementAndGet();
				MaintenancePageCacheTests.this.rendered.add(locale);
				return super.render(state, locale, formRefused, webContext);
			}

		};
		return new MaintenanceResponseWriter(renderer, new MaintenanceMessages(null), Clock.systemUTC(),
				Duration.ofMinutes(5), 503, null);
	}

	private final MaintenanceState state = new MaintenanceState(true, MaintenanceState.Mode.FULL, "Upgrade", null, null,
			null, null, 1);

	@Test
	void aLocaleSeenAgainIsServedFromTheCache() throws Exception {
		for (int i = 0; i < 50; i++) {
			write(Locale.GERMAN);
			write(Locale.forLanguageTag("de-CH"));
			write(Locale.ENGLISH);
		}
		assertThat(this.renders).as("once per locale: Swiss dates are written otherwise").hasValue(3);
	}

	@Test
	void everNewLanguagesNeverCostARenderPerRequest() throws Exception {
		int requests = 0;
		for (char a = 'a'; a <= 'z'; a++) {
			for (char b = 'a'; b <= 'z'; b++) {
				write(Locale.forLanguageTag("" + a + b));
				requests++;
			}
		}
		assertThat(requests).isEqualTo(676);
		assertThat(this.renders.get()).isLessThanOrEqualTo(33);
		MockHttpServletResponse fallback = write(Locale.forLanguageTag("zz"));
		assertThat(fallback.getStatus()).isEqualTo(503);
		assertThat(fallback.getContentAsString()).contains("Upgrade");
	}

	@Test
	void aFloodOfRareLocalesNeverKeepsAVisitorFromAPageInTheirLanguage() throws Exception {
		for (char a = 'a'; a <= 'z'; a++) {
			for (char b = 'a'; b <= 'z'; b++) {
				write(Locale.forLanguageTag("x" + a + b));
				write(Locale.forLanguageTag("en-" + Character.toUpperCase(a) + Character.toUpperCase(b)));
			}
		}
		assertThat(this.renders.get()).isLessThanOrEqualTo(33);
		this.rendered.clear();
		write(Locale.forLanguageTag("de-AT"));
		assertThat(this.rendered).as("German, in the entry of the language").containsExactly(Locale.GERMAN);
		write(Locale.forLanguageTag("de-CH"));
		assertThat(this.rendered).hasSize(1);
	}

	private MockHttpServletResponse write(Locale locale) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.addPreferredLocale(locale);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.writer.write(MaintenanceResponseKind.HTML, request, this.state, response);
		return response;
	}

}
