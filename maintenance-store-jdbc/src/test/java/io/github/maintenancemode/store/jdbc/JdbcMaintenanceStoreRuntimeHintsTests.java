package io.github.maintenancemode.store.jdbc;

import io.github.maintenancemode.autoconfigure.MaintenanceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.ResourceHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcMaintenanceStoreRuntimeHints}.
 */
class JdbcMaintenanceStoreRuntimeHintsTests {

	private static final String[] SCRIPTS = { "schema-h2.sql", "schema-mysql.sql", "schema-postgresql.sql" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				JdbcMaintenanceStoreAutoConfiguration.class, MaintenanceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	@Test
	void registersEverySchemaScript() {
		RuntimeHints hints = new RuntimeHints();
		new JdbcMaintenanceStoreRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertScripts(hints);
	}

	@Test
	void theAutoConfigurationBringsTheHintsIntoTheAotBuild() {
		this.runner.withPropertyValues("maintenance.store.type=jdbc")
			.prepare((context) -> assertScripts(processAheadOfTime(context.getSourceApplicationContext())));
	}

	@Test
	void noHintsForAnotherStore() {
		this.runner.prepare((context) -> assertThat(
				RuntimeHintsPredicates.resource().forResource("io/github/maintenancemode/store/jdbc/schema-h2.sql"))
			.rejects(processAheadOfTime(context.getSourceApplicationContext())));
	}

	private static RuntimeHints processAheadOfTime(Object context) {
		TestGenerationContext generationContext = new TestGenerationContext();
		new ApplicationContextAotGenerator().processAheadOfTime((GenericApplicationContext) context, generationContext);
		return generationContext.getRuntimeHints();
	}

	private static void assertScripts(RuntimeHints hints) {
		ResourceHintsPredicates resources = RuntimeHintsPredicates.resource();
		for (String script : SCRIPTS) {
			String location = "io/github/maintenancemode/store/jdbc/" + script;
			assertThat(new ClassPathResource(location).exists()).as(location).isTrue();
			assertThat(resources.forResource(location)).as(location).accepts(hints);
		}
	}

}
