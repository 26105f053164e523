package io.github.maintenancemode.web.servlet;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Chooses the language of a maintenance response: the one the application would choose
 * for the request.
 */
@FunctionalInterface
public interface MaintenanceLocaleResolver {

	/**
	 * Return the locale for a refused request.
	 * @param request the request
	 * @param response its response (a resolver may set a cookie on it, as the
	 * application's own would)
	 * @return the locale
	 */
	Locale resolve(HttpServletRequest request, HttpServletResponse response);

}
