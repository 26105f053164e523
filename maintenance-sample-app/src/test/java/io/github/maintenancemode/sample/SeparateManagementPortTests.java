package io.github.maintenancemode.sample;

import io.github.maintenancemode.sample.tests.AbstractSeparateManagementPortTests;

/**
 * The shared separate management port tests against the servlet sample on Tomcat.
 */
class SeparateManagementPortTests extends AbstractSeparateManagementPortTests {

}
