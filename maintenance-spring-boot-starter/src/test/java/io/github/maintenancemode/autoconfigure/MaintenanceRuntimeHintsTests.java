package io.github.maintenancemode.autoconfigure;

import io.github.maintenancemode.actuate.MaintenanceStatusDescriptor;
import io.github.maintenancemode.actuate.MaintenanceStatusDescriptor.DrainDescriptor;
import io.github.maintenancemode.actuate.MaintenanceStatusDescriptor.StoreDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.ResourceHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaintenanceRuntimeHints} and the hints a native image of an
 * application with the starter gets from Spring's AOT engine.
 */
class MaintenanceRuntimeHintsTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MaintenanceAutoConfiguration.class, MaintenanceWebAutoConfiguration.class,
						MaintenanceEndpointAutoConfiguration.class, ThymeleafAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=maintenance");

	@Test
	void registersTheTemplatesAndTheMessageBundles() {
		RuntimeHints hints = new RuntimeHints();
		new MaintenanceRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertResources(hints);
	}

	@Test
	void theWebAutoConfigurationBringsTheHintsIntoTheAotBuild() {
		this.runner.prepare((context) -> assertResources(processAheadOfTime(context.getSourceApplicationContext())));
	}

	@Test
	void noMessageHintsWhenTheFilterIsOff() {
		this.runner.withPropertyValues("maintenance.filter.enabled=false").prepare((context) -> {
			RuntimeHints hints = processAheadOfTime(context.getSourceApplicationContext());
			// the templates are also under Thymeleaf's own hint for templates/**
			ResourceHintsPredicates resources = RuntimeHintsPredicates.resource();
			assertThat(resources.forResource("io/github/maintenancemode/messages.properties")).rejects(hints);
			assertThat(resources.forBundle(MaintenanceRuntimeHints.MESSAGES)).rejects(hints);
		});
	}

	@Test
	void theActuatorRegistersBindingHintsForTheEndpointStatus() {
		this.runner.prepare((context) -> {
			RuntimeHints hints = processAheadOfTime(context.getSourceApplicationContext());
			ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();
			assertThat(reflection.onType(MaintenanceStatusDescriptor.class)).accepts(hints);
			assertThat(reflection.onMethodInvocation(MaintenanceStatusDescriptor.class, "retryAfterSeconds"))
				.accepts(hints);
			assertThat(reflection.onMethodInvocation(StoreDescriptor.class, "healthy")).accepts(hints);
			assertThat(reflection.onMethodInvocation(DrainDescriptor.class, "idle")).accepts(hints);
		});
	}

	private static RuntimeHints processAheadOfTime(Object context) {
		TestGenerationContext generationContext = new TestGenerationContext();
		new ApplicationContextAotGenerator().processAheadOfTime((GenericApplicationContext) context, generationContext);
		return generationContext.getRuntimeHints();
	}

	private static void assertResources(RuntimeHints hints) {
		ResourceHintsPredicates resources = RuntimeHintsPredicates.resource();
		assertThat(resources.forResource("templates/maintenance/page.html")).accepts(hints);
		assertThat(resources.forResource("templates/maintenance/banner.html")).accepts(hints);
		assertThat(resources.forResource("io/github/maintenancemode/messages.properties")).accepts(hints);
		assertThat(resources.forResource("io/github/maintenancemode/messages_de.properties")).accepts(hints);
		assertThat(resources.forBundle(MaintenanceRuntimeHints.MESSAGES)).accepts(hints);
	}

}
