package io.github.maintenancemode.integration;

import java.net.http.HttpResponse;
import java.util.Map;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.test.LocalServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code maintenance.allow.roles} for users whose session Spring Session keeps, in the
 * real PostgreSQL and the real Redis: Spring Session resolves the session only after the
 * maintenance filter has run, so the user is known only once Spring Security has read it.
 */
class SpringSessionTests {

	abstract static class SessionStore {

		private ConfigurableApplicationContext context;

		abstract SpringApplicationBuilder application();

		@AfterEach
		void close() {
			if (this.context != null) {
				this.context.close();
			}
		}

		@Test
		void userWithTheRoleInASpringSessionPassesAndOthersDoNot() {
			this.context = application().web(WebApplicationType.SERVLET)
				.properties("server.port=0", "server.address=127.0.0.1", "maintenance.allow.roles=STAFF",
						"maintenance.allow.paths=/login")
				.run();
			Http http = new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
			LoginApplication.Page page = this.context.getBean(LoginApplication.Page.class);
			String staff = login(http, "staff", "staff-password");
			String visitor = login(http, "visitor", "visitor-password");
			this.context.getBean(MaintenanceMode.class).enable("Upgrade");
			assertThat(http.get("/hello", "Cookie", staff).statusCode()).isEqualTo(200);
			assertThat(http.get("/hello", "Cookie", visitor).statusCode()).isEqualTo(503);
			assertThat(http.get("/hello").statusCode()).isEqualTo(503);
			assertThat(page.calls).hasValue(1);
		}

		private static String login(Http http, String username, String password) {
			HttpResponse<String> response = http.postForm("/login", Map.of("username", username, "password", password));
			assertThat(response.statusCode()).isEqualTo(302);
			// Spring Session's cookie, not the container's
			return Http.cookie(response, "SESSION");
		}

	}

	@Nested
	class PostgreSql extends SessionStore {

		@Override
		SpringApplicationBuilder application() {
			return new SpringApplicationBuilder(LoginApplication.class).properties(
					"spring.datasource.url=jdbc:postgresql://" + LocalServices.HOST + ":"
							+ LocalServices.POSTGRESQL_PORT + "/" + LocalServices.DATABASE,
					"spring.datasource.username=" + LocalServices.DATABASE_USERNAME,
					"spring.datasource.password=" + LocalServices.DATABASE_PASSWORD,
					"spring.session.jdbc.initialize-schema=always");
		}

	}

	@Nested
	class Redis extends SessionStore {

		@Override
		SpringApplicationBuilder application() {
			return new SpringApplicationBuilder(RedisSessionApplication.class).properties(
					"spring.data.redis.host=" + LocalServices.HOST,
					"spring.data.redis.port=" + LocalServices.REDIS_PORT,
					"spring.autoconfigure.exclude=" + LoginKindsTests.NO_DATABASE);
		}

	}

	/**
	 * The application with its sessions in Redis, configured by Spring Session itself.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableRedisHttpSession(redisNamespace = "maintenance-test:sessions")
	@Import(LoginApplication.class)
	static class RedisSessionApplication {

	}

}
