package io.github.maintenancemode.sample.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.maintenancemode.sample.SampleApplication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Records every call that reaches one of the sample application's own controllers, so
 * that a hostile-request test can prove that no controller ran, whatever status the
 * request got from the filters in front of it.
 */
@TestConfiguration(proxyBeanMethods = false)
class ControllerCanary {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	/**
	 * Return the calls that reached a controller, as {@code METHOD uri}.
	 * @return the calls
	 */
	List<String> calls() {
		return this.calls;
	}

	@Bean
	WebMvcConfigurer controllerCanaryInterceptor() {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new HandlerInterceptor() {

					@Override
					public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
						if (handler instanceof HandlerMethod method && method.getBeanType()
							.getPackageName()
							.equals(SampleApplication.class.getPackageName())) {
							ControllerCanary.this.calls.add(request.getMethod() + " " + request.getRequestURI());
						}
						return true;
					}

				});
			}

		};
	}

}
