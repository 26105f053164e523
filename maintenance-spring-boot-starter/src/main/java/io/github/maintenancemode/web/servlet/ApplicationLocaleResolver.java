package io.github.maintenancemode.web.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Chooses the language of a maintenance response as the application would for the
 * request: with its {@link LocaleResolver} (a language kept in the session or a cookie,
 * {@code Accept-Language}, a fixed one) and, for a request with a query, the
 * {@link LocaleChangeInterceptor} that the application's handler mapping would run for it
 * (such as {@code ?lang=de}), which also keeps the choice as the application does. The
 * request's {@code Accept-Language} is the answer when the application has no resolver or
 * its resolver fails.
 */
public class ApplicationLocaleResolver implements MaintenanceLocaleResolver {

	private static final Log logger = LogFactory.getLog(ApplicationLocaleResolver.class);

	private final SingletonSupplier<Resolvers> resolvers;

	/**
	 * Create the resolver.
	 * @param applicationContext the application, whose {@code localeResolver} bean and
	 * handler mappings are looked up on first use
	 */
	public ApplicationLocaleResolver(ApplicationContext applicationContext) {
		this.resolvers = SingletonSupplier.of(() -> resolvers(applicationContext));
	}

	@Override
	public Locale resolve(HttpServletRequest request, HttpServletResponse response) {
		Resolvers resolvers = this.resolvers.obtain();
		LocaleResolver localeResolver = resolvers.localeResolver();
		if (localeResolver == null) {
			return request.getLocale();
		}
		try {
			if (request.getQueryString() != null && !resolvers.handlerMappings().isEmpty()) {
				changeLocale(resolvers, localeResolver, request, response);
			}
			return localeResolver.resolveLocale(request);
		}
		catch (RuntimeException ex) {
			logger.debug("The application's locale resolver failed; using Accept-Language", ex);
			return request.getLocale();
		}
	}

	private void changeLocale(Resolvers resolvers, LocaleResolver localeResolver, HttpServletRequest request,
			HttpServletResponse response) {
		Object previousResolver = request.getAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE);
		boolean parsedPath = ServletRequestPathUtils.hasParsedRequestPath(request);
		request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, localeResolver);
		try {
			if (!parsedPath) {
				ServletRequestPathUtils.parseAndCache(request);
			}
			HandlerExecutionChain chain = handlerFor(resolvers.handlerMappings(), request);
			if (chain == null) {
				return;
			}
			for (HandlerInterceptor interceptor : chain.getInterceptorList()) {
				if (interceptor instanceof LocaleChangeInterceptor localeChange) {
					localeChange.preHandle(request, response, chain.getHandler());
				}
			}
		}
		catch (Exception ex) {
			logger.debug("The application's locale change interceptor failed", ex);
		}
		finally {
			if (!parsedPath) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
			request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, previousResolver);
		}
	}

	private static @Nullable HandlerExecutionChain handlerFor(List<HandlerMapping> mappings, HttpServletRequest request)
			throws Exception {
		for (HandlerMapping mapping : mappings) {
			HandlerExecutionChain chain = mapping.getHandler(request);
			if (chain != null) {
				return chain;
			}
		}
		return null;
	}

	private static Resolvers resolvers(ApplicationContext applicationContext) {
		LocaleResolver localeResolver = applicationContext.containsBean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
				? applicationContext.getBean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME, LocaleResolver.class) : null;
		List<HandlerMapping> mappings = new ArrayList<>(
				BeanFactoryUtils.beansOfTypeIncludingAncestors(applicationContext, HandlerMapping.class, true, false)
					.values());
		AnnotationAwareOrderComparator.sort(mappings);
		return new Resolvers(localeResolver, List.copyOf(mappings));
	}

	private record Resolvers(@Nullable LocaleResolver localeResolver, List<HandlerMapping> handlerMappings) {

	}

}
