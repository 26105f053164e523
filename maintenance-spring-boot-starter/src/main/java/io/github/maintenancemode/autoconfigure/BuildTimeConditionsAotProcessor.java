package io.github.maintenancemode.autoconfigure;

import java.util.Map;

import javax.lang.model.element.Modifier;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.javapoet.CodeBlock;

/**
 * Records, while the application is processed ahead of time, the values that the
 * starter's conditions saw, and makes the generated initializer check them against the
 * run-time environment before any bean is created (see {@link BuildTimeConditions}).
 */
class BuildTimeConditionsAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (!beanFactory.containsBeanDefinition(MaintenanceAutoConfiguration.class.getName())) {
			return null;
		}
		Environment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
				Environment.class);
		Map<String, String> values = BuildTimeConditions.values(environment);
		CodeBlock.Builder arguments = CodeBlock.builder();
		values.forEach((name, value) -> arguments.add(", $S, $S", name, value));
		return (generationContext, code) -> {
			GeneratedMethod method = code.getMethods().add("checkMaintenanceBuildTimeConditions", (builder) -> {
				builder.addJavadoc("Fail when a property that chose the maintenance beans at build time has "
						+ "another value at run time.");
				builder.addModifiers(Modifier.PRIVATE, Modifier.STATIC);
				builder.addParameter(ConfigurableEnvironment.class, "environment");
				builder.addStatement("$T.check(environment$L)", BuildTimeConditions.class, arguments.build());
			});
			code.addInitializer(method.toMethodReference());
		};
	}

}
