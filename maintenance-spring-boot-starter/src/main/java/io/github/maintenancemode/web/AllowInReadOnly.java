package io.github.maintenancemode.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets writes to a Spring MVC handler method (or to every handler of a controller) pass
 * while maintenance is in {@code READ_ONLY} mode: a login form, a search form that posts.
 * It has no effect in {@code FULL} mode.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AllowInReadOnly {

}
