package io.github.maintenancemode.sample.reliability;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The sample application on a random port with every staff rule configured, shared by the
 * reliability tests (one application context for all of them). Its scheduled job is
 * quiet: the job tests start their own context. A {@link ControllerCanary} records every
 * call that reaches the application's controllers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.job.interval=1h", "maintenance.allow.ip-addresses=10.9.9.9",
				"maintenance.allow.hosts=staff.localhost", "maintenance.bypass.secret=" + ReliabilityTest.BYPASS_SECRET,
				"maintenance.bypass.cookie-max-age=1h" })
@Import(ControllerCanary.class)
@interface ReliabilityTest {

	/**
	 * The bypass secret of the shared context.
	 */
	String BYPASS_SECRET = "reliability-bypass-secret-42";

}
