package io.github.maintenancemode.scheduling;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a {@code @Scheduled} method (or every scheduled method of a class) run while
 * maintenance is on, although {@code maintenance.scheduling.skip-all} skips every other
 * job: for jobs that the maintenance itself needs, such as a health reporter or the
 * migration that the window is for. On a method it wins over a {@link SkipInMaintenance}
 * on its class. Its runs still count as running jobs. On a {@code @RabbitListener} (with
 * an {@code id}), the listener's container keeps consuming while maintenance is on.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RunInMaintenance {

}
