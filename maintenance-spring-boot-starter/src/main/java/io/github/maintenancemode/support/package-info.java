/**
 * Small helpers shared by the starter's packages.
 */
@NullMarked
package io.github.maintenancemode.support;

import org.jspecify.annotations.NullMarked;
