package io.github.maintenancemode.web.servlet;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.github.maintenancemode.web.PageContextScope;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.IContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.context.webmvc.SpringWebMvcThymeleafRequestContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.naming.SpringContextVariableNames;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.context.ApplicationContext;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.support.RequestContext;

/**
 * Makes the web contexts the maintenance page is rendered in: what a Thymeleaf view of
 * the application gets from Spring MVC (link building on the application's context path,
 * Spring's request context, bean references in expressions), on an anonymous view of the
 * refused request (see {@link io.github.maintenancemode.web.MaintenancePageRenderer}).
 */
public class PageWebContexts {

	private static final boolean SPRING_MVC_PRESENT = ClassUtils
		.isPresent("org.springframework.web.servlet.support.RequestContext", PageWebContexts.class.getClassLoader());

	private static final boolean SPRING_SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.SecurityContextHolder", PageWebContexts.class.getClassLoader());

	private final ApplicationContext applicationContext;

	private final Supplier<String> dispatcherServletPrefix;

	private volatile @Nullable Application application;

	/**
	 * Create the contexts' factory.
	 * @param applicationContext the application
	 * @param dispatcherServletPrefix the dispatcher servlet's path prefix
	 */
	public PageWebContexts(ApplicationContext applicationContext, Supplier<String> dispatcherServletPrefix) {
		this.applicationContext = applicationContext;
		this.dispatcherServletPrefix = dispatcherServletPrefix;
	}

	/**
	 * Open the context of one render: the web context, and the request, locale and
	 * security context bound to the thread for as long as the render lasts, so that
	 * nothing the template reaches through them (a bean that reads the current user or
	 * request) belongs to the visitor whose request happened to render the page. Close it
	 * to restore what was bound before.
	 */
	PageContextScope open(HttpServletRequest request, HttpServletResponse response, Locale locale,
			Map<String, Object> model) {
		ServletContext servletContext = request.getServletContext();
		HttpServletRequest anonymous = new AnonymousPageRequest(request, locale, this.dispatcherServletPrefix.get());
		HttpServletResponse detached = new DetachedPageResponse(response);
		Map<String, Object> variables = new HashMap<>(model);
		variables.put(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				new ThymeleafEvaluationContext(this.applicationContext, null));
		if (SPRING_MVC_PRESENT && this.applicationContext instanceof WebApplicationContext webApplicationContext) {
			SpringMvc.addRequestContext(webApplicationContext, anonymous, detached, servletContext, variables);
		}
		IContext context = new WebContext(application(servletContext).buildExchange(anonymous, detached), locale,
				variables);
		return new Scope(context, new ServletRequestAttributes(anonymous, detached), locale);
	}

	private JakartaServletWebApplication application(ServletContext servletContext) {
		Application application = this.application;
		if (application == null || application.servletContext != servletContext) {
			application = new Application(servletContext,
					JakartaServletWebApplication.buildApplication(servletContext));
			this.application = application;
		}
		return application.web;
	}

	/**
	 * One render's context, bound to the thread until closed.
	 */
	private static final class Scope implements PageContextScope {

		private final IContext context;

		private final @Nullable RequestAttributes previousRequest;

		private final @Nullable LocaleContext previousLocale;

		private final @Nullable Object previousSecurity;

		Scope(IContext context, RequestAttributes request, Locale locale) {
			this.context = context;
			this.previousRequest = RequestContextHolder.getRequestAttributes();
			this.previousLocale = LocaleContextHolder.getLocaleContext();
			RequestContextHolder.setRequestAttributes(request);
			LocaleContextHolder.setLocale(locale);
			this.previousSecurity = SPRING_SECURITY_PRESENT ? SpringSecurity.clear() : null;
		}

		@Override
		public IContext context() {
			return this.context;
		}

		@Override
		public void close() {
			RequestContextHolder.setRequestAttributes(this.previousRequest);
			LocaleContextHolder.setLocaleContext(this.previousLocale);
			if (SPRING_SECURITY_PRESENT) {
				SpringSecurity.restore(this.previousSecurity);
			}
		}

	}

	/**
	 * Spring Security's context holder, kept apart so that the class loads without it.
	 */
	private static final class SpringSecurity {

		static Object clear() {
			SecurityContext previous = SecurityContextHolder.getContext();
			SecurityContextHolder.setContext(SecurityContextHolder.createEmptyContext());
			return previous;
		}

		static void restore(@Nullable Object previous) {
			if (previous instanceof SecurityContext context) {
				SecurityContextHolder.setContext(context);
			}
			else {
				SecurityContextHolder.clearContext();
			}
		}

	}

	private record Application(ServletContext servletContext, JakartaServletWebApplication web) {

	}

	/**
	 * What Spring MVC's {@code ThymeleafView} adds, kept apart so that the class loads
	 * without Spring MVC.
	 */
	private static final class SpringMvc {

		static void addRequestContext(WebApplicationContext applicationContext, HttpServletRequest request,
				HttpServletResponse response, ServletContext servletContext, Map<String, Object> variables) {
			request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, applicationContext);
			RequestContext requestContext = new RequestContext(request, response, servletContext, variables);
			variables.put(SpringContextVariableNames.SPRING_REQUEST_CONTEXT, requestContext);
			variables.put(SpringContextVariableNames.THYMELEAF_REQUEST_CONTEXT,
					new SpringWebMvcThymeleafRequestContext(requestContext, request));
		}

	}

}
