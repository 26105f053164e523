/**
 * The servlet filter, the access decision and the maintenance responses.
 */
@NullMarked
package io.github.maintenancemode.web;

import org.jspecify.annotations.NullMarked;
