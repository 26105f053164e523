package io.github.maintenancemode.autoconfigure;

import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.web.AllowInReadOnly;
import io.github.maintenancemode.web.AllowInReadOnlyAccessRule;
import io.github.maintenancemode.web.TestRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AllowInReadOnlyAccessRule} on the handler methods of a real Spring MVC
 * handler mapping, each with a rule of its own (the rule collects the mappings once).
 */
class AllowInReadOnlyAccessRuleTests {

	private static final MaintenanceState READ_ONLY = new MaintenanceState(true, MaintenanceState.Mode.READ_ONLY, null,
			null, null, null, null, 1);

	private static final MaintenanceState FULL = new MaintenanceState(true, MaintenanceState.Mode.FULL, null, null,
			null, null, null, 1);

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Mappings.class);

	private final AllowInReadOnlyAccessRule rule = new AllowInReadOnlyAccessRule(() -> MaintenanceHandlerPaths
		.handlerMethods(this.context.getBeanProvider(RequestMappingHandlerMapping.class)));

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void writeToAnAnnotatedMethodOrClassPassesInReadOnlyModeOnly() {
		assertThat(this.rule.admits(TestRequests.of("POST", "/search"), READ_ONLY)).isTrue();
		assertThat(this.rule.admits(TestRequests.of("POST", "/login/form"), READ_ONLY)).isTrue();
		assertThat(this.rule.admits(TestRequests.of("POST", "/search"), FULL)).isFalse();
	}

	@Test
	void writeThatAnotherHandlerCouldTakeIsRefused() {
		assertThat(this.rule.admits(TestRequests.of("POST", "/notes"), READ_ONLY)).isFalse();
		assertThat(this.rule.admits(TestRequests.of("POST", "/open/secret"), READ_ONLY))
			.as("the allowed /open/** and the plain /open/secret both match")
			.isFalse();
		assertThat(this.rule.admits(TestRequests.of("POST", "/open/other"), READ_ONLY)).isTrue();
		assertThat(this.rule.admits(TestRequests.of("PUT", "/search"), READ_ONLY)).as("another method").isFalse();
		assertThat(this.rule.admits(TestRequests.of("POST", null), READ_ONLY)).as("no canonical path").isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class Mappings {

		@Bean
		RequestMappingHandlerMapping requestMappingHandlerMapping() {
			return new RequestMappingHandlerMapping();
		}

		@Bean
		Controllers controllers() {
			return new Controllers();
		}

		@Bean
		LoginController loginController() {
			return new LoginController();
		}

	}

	@RestController
	static class Controllers {

		@PostMapping("/search")
		@AllowInReadOnly
		String search() {
			return "found";
		}

		@PostMapping("/notes")
		String notes() {
			return "stored";
		}

		@PostMapping("/open/**")
		@AllowInReadOnly
		String open() {
			return "open";
		}

		@PostMapping("/open/secret")
		String secret() {
			return "secret";
		}

	}

	@RestController
	@RequestMapping("/login")
	@AllowInReadOnly
	static class LoginController {

		@PostMapping("/form")
		String form() {
			return "signed in";
		}

	}

}
