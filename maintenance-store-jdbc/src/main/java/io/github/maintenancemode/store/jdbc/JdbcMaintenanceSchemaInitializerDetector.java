package io.github.maintenancemode.store.jdbc;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * A {@link DatabaseInitializerDetector} for {@link JdbcMaintenanceSchemaInitializer}, so
 * that beans which depend on database initialization (the state store among them) are
 * created after the table.
 */
class JdbcMaintenanceSchemaInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(JdbcMaintenanceSchemaInitializer.class);
	}

}
