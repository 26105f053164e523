package io.github.maintenancemode.web;

/**
 * Told of every maintenance response the filter writes, for example to count them.
 * Implementations must be quick and must not allocate per call.
 */
@FunctionalInterface
public interface MaintenanceResponseListener {

	/**
	 * Called after a request was refused with a maintenance response.
	 * @param kind the representation that was written
	 */
	void refused(MaintenanceResponseKind kind);

}
