package io.github.maintenancemode.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.maintenancemode.web.reactive.MaintenanceWebFilter;
import io.github.maintenancemode.web.servlet.MaintenanceFilter;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout of one decision with two thin adapters: the classes of {@code web} name no
 * type of either stack, {@code web.servlet} names none of the reactive one, and
 * {@code web.reactive} none of the servlet one. Read from the compiled classes, whose
 * constant pools hold the name of every type a class uses.
 */
class AdapterLayoutTests {

	private static final List<String> SERVLET = List.of("jakarta/servlet/", "org/springframework/web/servlet/",
			"org/springframework/web/filter/");

	private static final List<String> REACTIVE = List.of("org/springframework/web/server/",
			"org/springframework/web/reactive/", "org/springframework/http/server/reactive/", "reactor/core/");

	/**
	 * Spring Boot's observation filter is applied to both stacks' observations, so it
	 * tells them apart by their context types.
	 */
	private static final Set<String> SERVING_BOTH = Set.of("MaintenanceObservationFilter");

	@Test
	void decisionRulesAndResponsesNameNeitherStack() throws IOException {
		Map<String, String> classes = classes("io/github/maintenancemode/web/");
		assertThat(classes).containsKeys("MaintenanceDecider", "MaintenanceResponses", "PathAccessRule");
		classes.keySet().removeAll(SERVING_BOTH);
		assertThat(using(classes, SERVLET)).isEmpty();
		assertThat(using(classes, REACTIVE)).isEmpty();
	}

	@Test
	void servletAdapterNamesNoReactiveType() throws IOException {
		Map<String, String> classes = classes(MaintenanceFilter.class.getPackageName().replace('.', '/') + "/");
		assertThat(classes).containsKeys("MaintenanceFilter", "MaintenanceResponseWriter", "MaintenanceRoleFilter");
		assertThat(using(classes, REACTIVE)).isEmpty();
	}

	@Test
	void reactiveAdapterNamesNoServletType() throws IOException {
		Map<String, String> classes = classes(MaintenanceWebFilter.class.getPackageName().replace('.', '/') + "/");
		assertThat(classes).containsKeys("MaintenanceWebFilter", "ReactiveMaintenanceResponseWriter",
				"MaintenanceRoleWebFilter");
		assertThat(using(classes, SERVLET)).isEmpty();
	}

	private static List<String> using(Map<String, String> classes, List<String> prefixes) {
		List<String> found = new ArrayList<>();
		classes.forEach((name, constants) -> prefixes.stream()
			.filter(constants::contains)
			.forEach((prefix) -> found.add(name + " uses " + prefix)));
		return found;
	}

	/**
	 * The main classes of one package (nested ones included) with the text of their class
	 * files, in which type names are plain ASCII.
	 */
	private static Map<String, String> classes(String packagePath) throws IOException {
		Map<String, String> classes = new TreeMap<>();
		String mainClasses = MaintenanceDecider.class.getProtectionDomain().getCodeSource().getLocation().toString();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		for (Resource resource : resolver.getResources(mainClasses + packagePath + "*.class")) {
			String name = resource.getFilename();
			if (name == null || name.equals("package-info.class")) {
				continue;
			}
			String topLevel = name.replaceFirst("[$.].*", "");
			try (InputStream in = resource.getInputStream()) {
				classes.merge(topLevel, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), String::concat);
			}
		}
		return classes;
	}

}
