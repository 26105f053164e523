package io.github.maintenancemode.integration;

import java.net.http.HttpResponse;
import java.util.Map;

import io.github.maintenancemode.MaintenanceMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ViewResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that renders its views with FreeMarker behaves exactly as before when
 * the starter is added: the same view resolvers, the same bytes for its page, and the
 * starter's own page (rendered by its private Thymeleaf engine) only during maintenance.
 */
class FreeMarkerApplicationTests {

	private static final String NO_SECURITY_NOR_DATABASE = LoginKindsTests.NO_DATABASE
			+ ",org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"
			+ ",org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration"
			+ ",org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
			+ ",org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

	/**
	 * Every auto-configuration of the starter, as its imports file lists them.
	 */
	private static final String STARTER = String.join(",",
			ImportCandidates.load(AutoConfiguration.class, FreeMarkerApplicationTests.class.getClassLoader())
				.getCandidates()
				.stream()
				.filter((name) -> name.startsWith("io.github.maintenancemode."))
				.toList());

	@Test
	void pagesAndViewResolversAreThoseOfTheApplicationWithoutTheStarter() {
		assertThat(ClassUtils.isPresent("org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
				null))
			.as("Spring Boot's Thymeleaf auto-configuration, brought by the starter")
			.isFalse();
		Rendered without;
		try (ConfigurableApplicationContext context = start(NO_SECURITY_NOR_DATABASE + "," + STARTER)) {
			without = Rendered.of(context);
		}
		try (ConfigurableApplicationContext context = start(NO_SECURITY_NOR_DATABASE)) {
			Rendered with = Rendered.of(context);
			assertThat(with.viewResolvers()).isEqualTo(without.viewResolvers());
			assertThat(with.page().body()).isEqualTo(without.page().body()).contains("rendered by FreeMarker");
			assertThat(with.page().headers().firstValue("Content-Type"))
				.isEqualTo(without.page().headers().firstValue("Content-Type"));

			context.getBean(MaintenanceMode.class).enable("Upgrade");
			HttpResponse<String> refused = new Http(port(context)).get("/greeting", "Accept", "text/html");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.body()).contains("Upgrade").doesNotContain("FreeMarker");
		}
	}

	private static ConfigurableApplicationContext start(String excluded) {
		return new SpringApplicationBuilder(FreeMarkerApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.autoconfigure.exclude=" + excluded)
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	record Rendered(Map<String, String> viewResolvers, HttpResponse<String> page) {

		static Rendered of(ConfigurableApplicationContext context) {
			Map<String, String> resolvers = new java.util.TreeMap<>();
			context.getBeansOfType(ViewResolver.class)
				.forEach((name, resolver) -> resolvers.put(name, resolver.getClass().getName()));
			HttpResponse<String> page = new Http(port(context)).get("/greeting", "Accept", "text/html");
			assertThat(page.statusCode()).isEqualTo(200);
			return new Rendered(resolvers, page);
		}

	}

	/**
	 * An application whose views are FreeMarker templates.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Greeting.class)
	static class FreeMarkerApplication {

	}

	@Controller
	static class Greeting {

		@GetMapping("/greeting")
		String greeting(Model model) {
			model.addAttribute("name", "visitor");
			return "greeting";
		}

	}

}
