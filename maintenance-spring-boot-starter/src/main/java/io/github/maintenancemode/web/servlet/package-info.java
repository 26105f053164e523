/**
 * The maintenance filter of servlet (Spring MVC) applications: an adapter that carries
 * out the decision of {@link io.github.maintenancemode.web.MaintenanceDecider} on a
 * servlet request, and writes the cached responses to the servlet response.
 */
@NullMarked
package io.github.maintenancemode.web.servlet;

import org.jspecify.annotations.NullMarked;
