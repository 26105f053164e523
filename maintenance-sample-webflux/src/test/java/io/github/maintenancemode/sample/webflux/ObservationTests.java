package io.github.maintenancemode.sample.webflux;

import io.github.maintenancemode.sample.tests.AbstractObservationTests;

/**
 * The shared observation tests against the reactive sample on Netty.
 */
class ObservationTests extends AbstractObservationTests {

}
