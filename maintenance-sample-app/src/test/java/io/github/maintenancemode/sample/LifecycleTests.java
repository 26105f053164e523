package io.github.maintenancemode.sample;

import io.github.maintenancemode.sample.tests.AbstractLifecycleTests;

/**
 * The shared lifecycle tests against the servlet sample on Tomcat.
 */
class LifecycleTests extends AbstractLifecycleTests {

}
