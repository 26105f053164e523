package io.github.maintenancemode.sample.webflux;

import io.github.maintenancemode.sample.tests.AbstractLifecycleTests;

/**
 * The shared lifecycle tests against the reactive sample on Netty.
 */
class LifecycleTests extends AbstractLifecycleTests {

	@Override
	protected String sessionCookieName() {
		return "SESSION";
	}

}
