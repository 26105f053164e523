package io.github.maintenancemode.sample;

import io.github.maintenancemode.sample.tests.AbstractObservationTests;

/**
 * The shared observation tests against the servlet sample on Tomcat.
 */
class ObservationTests extends AbstractObservationTests {

}
