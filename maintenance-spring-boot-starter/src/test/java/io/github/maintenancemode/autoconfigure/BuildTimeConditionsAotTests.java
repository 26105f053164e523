package io.github.maintenancemode.autoconfigure;

import java.util.Map;
import java.util.function.Consumer;

import io.github.maintenancemode.MaintenanceStateStore;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import org.junit.jupiter.api.Test;

import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link BuildTimeConditionsAotProcessor}: the application is processed ahead
 * of time by Spring's own AOT engine, the generated code compiled, and a fresh context
 * started from it with other run-time properties.
 */
class BuildTimeConditionsAotTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MaintenanceAutoConfiguration.class));

	@Test
	@CompileWithForkedClassLoader
	void startsWhenAbsentAtBuildTimeAndAtRunTime() {
		processAheadOfTime(this.runner, (initializer) -> {
			try (GenericApplicationContext context = new GenericApplicationContext()) {
				initializer.initialize(context);
				context.refresh();
				assertThat(context.getBean(MaintenanceStateStore.class))
					.isInstanceOf(InMemoryMaintenanceStateStore.class);
			}
		});
	}

	@Test
	@CompileWithForkedClassLoader
	void startsWhenTheDefaultIsNamedAtRunTime() {
		processAheadOfTime(this.runner, (initializer) -> initialize(initializer, "maintenance.store.type=MEMORY",
				"maintenance.filter.enabled=true"));
	}

	@Test
	@CompileWithForkedClassLoader
	void failsWhenTheStoreTypeDiffersAtRunTime() {
		processAheadOfTime(this.runner, (initializer) -> assertThatIllegalStateException()
			.isThrownBy(() -> initialize(initializer, "maintenance.store.type=jdbc"))
			.withMessageContaining("maintenance.store.type was 'memory' at build time and is 'jdbc' at run time")
			.withMessageContaining("Rebuild the AOT sources (or the native image) with the run-time values")
			.withMessageContaining("or leave these properties as they were at build time"));
	}

	@Test
	@CompileWithForkedClassLoader
	void namesEveryPropertyThatDiffers() {
		processAheadOfTime(this.runner.withPropertyValues("maintenance.store.type=redis"),
				(initializer) -> assertThatIllegalStateException()
					.isThrownBy(() -> initialize(initializer, "maintenance.filter.enabled=false",
							"maintenance.scheduling.enabled=false"))
					.withMessageContaining(
							"maintenance.store.type was 'redis' at build time and is 'memory' at run time")
					.withMessageContaining(
							"maintenance.filter.enabled was 'true' at build time and is 'false' at run time")
					.withMessageContaining(
							"maintenance.scheduling.enabled was 'true' at build time and is 'false' at run time")
					.withMessageNotContaining("management.health.maintenance.enabled"));
	}

	@Test
	@CompileWithForkedClassLoader
	void failsWhenTheEndpointIsExposedOnlyAtRunTime() {
		processAheadOfTime(this.runner, (initializer) -> assertThatIllegalStateException()
			.isThrownBy(() -> initialize(initializer, "management.endpoints.web.exposure.include=maintenance"))
			.withMessageContaining("the maintenance endpoint (management.endpoint.maintenance.access, "
					+ "management.endpoints.web.exposure.include and .exclude) was 'not available' at build time "
					+ "and is 'available' at run time"));
	}

	@Test
	@CompileWithForkedClassLoader
	void startsWhenTheEndpointIsExposedAnotherWay() {
		processAheadOfTime(this.runner.withPropertyValues("management.endpoints.web.exposure.include=maintenance"),
				(initializer) -> initialize(initializer, "management.endpoints.web.exposure.include=*"));
	}

	@Test
	@CompileWithForkedClassLoader
	void comparesAnEnvironmentVariableAsTheCanonicalProperty() {
		processAheadOfTime(this.runner.withPropertyValues("maintenance.store.type=jdbc"), (initializer) -> {
			initializeWithEnvironmentVariable(initializer, "jdbc");
			assertThatIllegalStateException().isThrownBy(() -> initializeWithEnvironmentVariable(initializer, "redis"))
				.withMessageContaining("maintenance.store.type was 'jdbc' at build time and is 'redis' at run time");
		});
	}

	@Test
	@CompileWithForkedClassLoader
	void checksNothingWithoutTheStarterInTheApplication() {
		processAheadOfTime(new ApplicationContextRunner(),
				(initializer) -> initialize(initializer, "maintenance.store.type=jdbc"));
	}

	private static void initialize(ApplicationContextInitializer<GenericApplicationContext> initializer,
			String... runTimeProperties) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			TestPropertyValues.of(runTimeProperties).applyTo(context);
			initializer.initialize(context);
		}
	}

	private static void initializeWithEnvironmentVariable(
			ApplicationContextInitializer<GenericApplicationContext> initializer, String storeType) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			ConfigurableEnvironment environment = context.getEnvironment();
			environment.getPropertySources()
				.addFirst(
						new SystemEnvironmentPropertySource("variables", Map.of("MAINTENANCE_STORE_TYPE", storeType)));
			ConfigurationPropertySources.attach(environment);
			initializer.initialize(context);
		}
	}

	@SuppressWarnings("unchecked")
	private static void processAheadOfTime(ApplicationContextRunner runner,
			Consumer<ApplicationContextInitializer<GenericApplicationContext>> runTime) {
		runner.prepare((context) -> {
			TestGenerationContext generationContext = new TestGenerationContext();
			ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(
					(GenericApplicationContext) context.getSourceApplicationContext(), generationContext);
			generationContext.writeGeneratedContent();
			TestCompiler.forSystem()
				.with(generationContext)
				.compile((compiled) -> runTime
					.accept(compiled.getInstance(ApplicationContextInitializer.class, className.toString())));
		});
	}

}
