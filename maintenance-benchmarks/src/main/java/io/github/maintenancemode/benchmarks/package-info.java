/**
 * JMH benchmarks of the maintenance filter, run against the beans that Spring Boot's
 * auto-configuration builds.
 */
@NullMarked
package io.github.maintenancemode.benchmarks;

import org.jspecify.annotations.NullMarked;
