/**
 * The maintenance filter of reactive (WebFlux) applications: an adapter that carries out
 * the decision of {@link io.github.maintenancemode.web.MaintenanceDecider} on a
 * {@code ServerWebExchange}, and writes the same cached responses as the servlet filter.
 */
@NullMarked
package io.github.maintenancemode.web.reactive;

import org.jspecify.annotations.NullMarked;
