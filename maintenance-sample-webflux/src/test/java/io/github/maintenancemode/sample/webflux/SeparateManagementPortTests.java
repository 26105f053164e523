package io.github.maintenancemode.sample.webflux;

import io.github.maintenancemode.sample.tests.AbstractSeparateManagementPortTests;

/**
 * The shared separate management port tests against the reactive sample on Netty.
 */
class SeparateManagementPortTests extends AbstractSeparateManagementPortTests {

}
