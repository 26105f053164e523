/**
 * The access decision, its rules and the maintenance responses, shared by the servlet
 * adapter ({@code web.servlet}) and the reactive one ({@code web.reactive}).
 */
@NullMarked
package io.github.maintenancemode.web;

import org.jspecify.annotations.NullMarked;
