package io.github.maintenancemode.store.jdbc;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Hints for a native image: the {@code schema-<platform>.sql} scripts the store's table
 * is created from.
 */
class JdbcMaintenanceStoreRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("io/github/maintenancemode/store/jdbc/schema-*.sql");
	}

}
