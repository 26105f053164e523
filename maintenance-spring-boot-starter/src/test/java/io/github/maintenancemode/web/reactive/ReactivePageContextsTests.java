package io.github.maintenancemode.web.reactive;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.MaintenanceMessages;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringWebFluxTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactivePageContexts}: a reactive application's page is a view of the
 * application (links on its base path, bean references, the page's locale) that shows
 * nothing of the visitor whose request rendered it.
 */
class ReactivePageContextsTests {

	private static final MaintenanceState ON = MaintenanceState.on(MaintenanceState.Mode.FULL, "Upgrade", null, null,
			null);

	@Test
	void linksFollowTheBasePathAndNothingOfTheVisitorReachesTheTemplate() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("who", Who.class);
		context.refresh();
		SpringWebFluxTemplateEngine engine = new SpringWebFluxTemplateEngine();
		engine.setTemplateResolver(new StringTemplateResolver());
		MaintenancePageRenderer renderer = new MaintenancePageRenderer(engine,
				"link=[[@{/css/site.css}]] param=[[${param.secret}]] bean=[[${@who.name()}]] locale=[[${#locale}]]"
						+ " reason=[[${reason}]]",
				new MaintenanceMessages(null), Clock.systemUTC(), Duration.ofMinutes(5), () -> "/shop");
		ReactivePageContexts contexts = new ReactivePageContexts(context);
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/shop/api/notes?secret=alice-query")
				.contextPath("/shop")
				.header("X-Secret", "alice-header")
				.cookie(new HttpCookie("SESSION", "alice-cookie")));
		exchange.getAttributes().put("user", "alice-attribute");

		String page = renderer.render(ON, Locale.GERMAN, false,
				(model) -> contexts.open(exchange, Locale.GERMAN, model));

		assertThat(page).isEqualTo("link=/shop/css/site.css param= bean=nobody locale=de reason=Upgrade");
		context.close();
	}

	public static class Who {

		public String name() {
			return "nobody";
		}

	}

}
