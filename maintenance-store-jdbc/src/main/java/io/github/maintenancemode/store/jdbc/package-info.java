/**
 * A maintenance state store that shares the state between application instances through a
 * relational database (PostgreSQL, MariaDB/MySQL, H2), with its auto-configuration.
 */
@NullMarked
package io.github.maintenancemode.store.jdbc;

import org.jspecify.annotations.NullMarked;
