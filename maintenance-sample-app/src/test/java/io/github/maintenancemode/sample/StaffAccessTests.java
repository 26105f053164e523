package io.github.maintenancemode.sample;

import io.github.maintenancemode.sample.tests.AbstractStaffAccessTests;

/**
 * The shared staff-access tests against the servlet sample on Tomcat.
 */
class StaffAccessTests extends AbstractStaffAccessTests {

}
