package io.github.maintenancemode.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Hints for a native image: the page's templates and the message bundles with its texts,
 * which are read from the class path at run time.
 */
class MaintenanceRuntimeHints implements RuntimeHintsRegistrar {

	static final String MESSAGES = "io.github.maintenancemode.messages";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("templates/maintenance/*.html");
		hints.resources().registerPattern("io/github/maintenancemode/messages*.properties");
		hints.resources().registerResourceBundle(MESSAGES);
	}

}
