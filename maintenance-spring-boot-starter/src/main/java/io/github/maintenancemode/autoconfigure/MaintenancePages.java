package io.github.maintenancemode.autoconfigure;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.maintenancemode.web.MaintenanceMessages;
import io.github.maintenancemode.web.MaintenancePageRenderer;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.template.TemplateAvailabilityProviders;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Which page the maintenance response shows and with which engine: the same choice for
 * servlet and reactive applications.
 */
final class MaintenancePages {

	static final String DEFAULT_TEMPLATE = "maintenance/page";

	static final String APPLICATION_TEMPLATE = "maintenance";

	private static final String THYMELEAF_AVAILABILITY = "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafTemplateAvailabilityProvider";

	private static final boolean THYMELEAF_AVAILABILITY_PRESENT = ClassUtils.isPresent(THYMELEAF_AVAILABILITY,
			MaintenancePages.class.getClassLoader());

	/**
	 * Where the starter's own engine finds templates.
	 */
	private static final String STARTER_ENGINE_PREFIX = "classpath:/templates/";

	private MaintenancePages() {
	}

	/**
	 * Create the page's renderer: the configured template, else the application's own
	 * {@code maintenance} template, else the starter's, which is also the one rendered
	 * when another fails.
	 * @param templateEngine the application's template engine
	 * @param messages the texts
	 * @param clock the clock
	 * @param properties the maintenance properties
	 * @param applicationContext the application context
	 * @param pathPrefix what comes before a handler path in the URI a browser sees
	 * @return the renderer
	 */
	static MaintenancePageRenderer renderer(ObjectProvider<ITemplateEngine> templateEngine,
			MaintenanceMessages messages, ObjectProvider<Clock> clock, MaintenanceProperties properties,
			ApplicationContext applicationContext, Supplier<String> pathPrefix) {
		String templateName = templateName(properties, applicationContext);
		ITemplateEngine starterEngine = starterEngine(applicationContext);
		boolean ownPage = templateName.equals(DEFAULT_TEMPLATE);
		ITemplateEngine engine = ownPage ? starterEngine : templateEngine.getIfAvailable(() -> starterEngine);
		MaintenancePageRenderer renderer = new MaintenancePageRenderer(engine, templateName, messages,
				clock.getIfAvailable(Clock::systemUTC), properties.getRetryAfter(), pathPrefix);
		if (!ownPage) {
			renderer.setFallback(starterEngine, DEFAULT_TEMPLATE);
		}
		return renderer;
	}

	/**
	 * The page's template: the configured one, else the application's own
	 * {@code maintenance} template when Thymeleaf finds it where the application keeps
	 * its views (as Spring Boot's template availability check sees it), else the
	 * starter's.
	 */
	private static String templateName(MaintenanceProperties properties, ApplicationContext applicationContext) {
		String configured = properties.getResponse().getTemplate();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		// an application context always has one: its resource loader falls back to the
		// default class loader
		ClassLoader classLoader = Objects.requireNonNull(applicationContext.getClassLoader(),
				"The application context has no class loader");
		boolean applicationPage = THYMELEAF_AVAILABILITY_PRESENT
				? new TemplateAvailabilityProviders(applicationContext).getProviders()
					.stream()
					.filter((provider) -> provider.getClass().getName().equals(THYMELEAF_AVAILABILITY))
					.anyMatch((provider) -> provider.isTemplateAvailable(APPLICATION_TEMPLATE,
							applicationContext.getEnvironment(), classLoader, applicationContext))
				: applicationContext.getResource(STARTER_ENGINE_PREFIX + APPLICATION_TEMPLATE + ".html").exists();
		return applicationPage ? APPLICATION_TEMPLATE : DEFAULT_TEMPLATE;
	}

	/**
	 * The engine of the starter's own page: found whatever the application's Thymeleaf
	 * set-up, if it has one.
	 */
	private static ITemplateEngine starterEngine(ApplicationContext applicationContext) {
		SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
		resolver.setApplicationContext(applicationContext);
		resolver.setPrefix(STARTER_ENGINE_PREFIX);
		resolver.setSuffix(".html");
		resolver.setCharacterEncoding("UTF-8");
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
