package io.github.maintenancemode.branded;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * A shop that is not the sample: a Thymeleaf layout of its own with {@code @{...}} links,
 * its own messages in three languages, static assets, and the usual Spring set-up for a
 * language choice kept in the session ({@code ?lang=}, a {@link LocaleChangeInterceptor}
 * and a {@link SessionLocaleResolver}). No Spring Security, no database. Its own
 * {@code maintenance.html} is built on its layout.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@Import(BrandedApplication.ShopController.class)
class BrandedApplication implements WebMvcConfigurer {

	/**
	 * The properties that make it this application: its own locations for templates,
	 * assets and messages, and no other configuration file.
	 */
	static final String[] PROPERTIES = { "spring.config.name=branded", "server.servlet.context-path=/shop",
			"spring.thymeleaf.prefix=classpath:/branded/templates/",
			"spring.web.resources.static-locations=classpath:/branded/static/",
			"spring.messages.basename=branded/messages", "spring.messages.fallback-to-system-locale=false",
			"maintenance.store.type=memory" };

	@Bean
	LocaleResolver localeResolver() {
		// without a choice in the session, Accept-Language decides
		return new SessionLocaleResolver();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor localeChange = new LocaleChangeInterceptor();
		localeChange.setParamName("lang");
		registry.addInterceptor(localeChange);
	}

	@Controller
	static class ShopController {

		@GetMapping({ "/", "/search" })
		String home() {
			return "home";
		}

	}

}
