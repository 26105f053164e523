package io.github.maintenancemode.scheduling;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Skips a {@code @Scheduled} method (or every scheduled method of a class) while
 * maintenance is on. A run already going when maintenance begins finishes and is counted
 * as a running job. On a {@code @RabbitListener} (with an {@code id}) under
 * {@code maintenance.messaging.pause=annotated}, it makes the listener's container pause
 * while maintenance is on; the listener method itself is never skipped.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SkipInMaintenance {

	/**
	 * Whether a job skipped during maintenance runs once as soon as maintenance ends
	 * (however many runs were skipped).
	 * @return whether to catch up
	 */
	boolean catchUp() default false;

	/**
	 * Whether the job runs while maintenance is on in
	 * {@link io.github.maintenancemode.MaintenanceState.Mode#READ_ONLY read-only} mode
	 * (it is then skipped only in full maintenance): for jobs that only read, such as
	 * reports.
	 * @return whether to run in read-only mode
	 */
	boolean runInReadOnly() default false;

}
