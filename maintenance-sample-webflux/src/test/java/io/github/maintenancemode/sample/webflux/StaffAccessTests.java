package io.github.maintenancemode.sample.webflux;

import io.github.maintenancemode.sample.tests.AbstractStaffAccessTests;

/**
 * The shared staff-access tests against the reactive sample on Netty.
 */
class StaffAccessTests extends AbstractStaffAccessTests {

}
