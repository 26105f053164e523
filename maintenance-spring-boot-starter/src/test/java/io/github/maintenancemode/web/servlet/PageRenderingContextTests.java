package io.github.maintenancemode.web.servlet;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.MaintenanceMessages;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.support.GenericWebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page is cached and served to every visitor, so what the template reaches through
 * the thread (the current user, the current request, the locale) while it renders must
 * not be the visitor's whose request happened to render it.
 */
class PageRenderingContextTests {

	private static final MaintenanceState ON = new MaintenanceState(true, MaintenanceState.Mode.FULL, "Upgrade", null,
			null, null, null, 1);

	@AfterEach
	void clearThread() {
		SecurityContextHolder.clearContext();
		RequestContextHolder.resetRequestAttributes();
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void templateSeesNoVisitorThroughTheThreadAndTheThreadIsRestoredAfterwards() {
		MockServletContext servletContext = new MockServletContext();
		GenericWebApplicationContext context = new GenericWebApplicationContext(servletContext);
		context.registerBean("who", Who.class);
		context.refresh();
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(new StringTemplateResolver());
		MaintenancePageRenderer renderer = new MaintenancePageRenderer(engine,
				"user=[[${@who.user()}]] header=[[${@who.header()}]] locale=[[${@who.locale()}]]",
				new MaintenanceMessages(null), Clock.systemUTC(), Duration.ofMinutes(5), () -> "");
		PageWebContexts contexts = new PageWebContexts(context, () -> "");

		MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "GET", "/shop");
		request.addHeader("X-Secret", "alice-secret");
		ServletRequestAttributes visitor = new ServletRequestAttributes(request);
		RequestContextHolder.setRequestAttributes(visitor);
		Authentication alice = UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of());
		SecurityContextHolder.getContext().setAuthentication(alice);
		LocaleContextHolder.setLocale(Locale.ENGLISH);

		MockHttpServletResponse response = new MockHttpServletResponse();
		String page = renderer.render(ON, Locale.GERMAN, false,
				(model) -> contexts.open(request, response, Locale.GERMAN, model));

		assertThat(page).isEqualTo("user=nobody header=none locale=de");
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(alice);
		assertThat(RequestContextHolder.getRequestAttributes()).isSameAs(visitor);
		assertThat(LocaleContextHolder.getLocale()).isEqualTo(Locale.ENGLISH);
		context.close();
	}

	/**
	 * A bean that reads the current user and request as layouts do (through Spring
	 * Security's and Spring's thread-bound holders).
	 */
	static class Who {

		public String user() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return (authentication != null) ? authentication.getName() : "nobody";
		}

		public String header() {
			RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
			String header = (attributes instanceof ServletRequestAttributes servlet)
					? servlet.getRequest().getHeader("X-Secret") : null;
			return (header != null) ? header : "none";
		}

		public String locale() {
			return LocaleContextHolder.getLocale().getLanguage();
		}

	}

}
