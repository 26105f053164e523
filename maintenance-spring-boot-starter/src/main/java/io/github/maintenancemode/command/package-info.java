/**
 * The command mode: the application's own jar switches maintenance on or off, or prints
 * it, directly in the configured store, and exits, without serving requests, running jobs
 * or consuming messages ({@code java -jar app.jar maintenance on|off|status}).
 */
@NullMarked
package io.github.maintenancemode.command;

import org.jspecify.annotations.NullMarked;
