package io.github.maintenancemode.store;

import java.nio.file.Path;

/**
 * Increments the counter kept in the reason of a file store's state, from a process of
 * its own: {@code FileStoreIncrementer <path> <count>}.
 */
final class FileStoreIncrementer {

	private FileStoreIncrementer() {
	}

	public static void main(String[] args) {
		FileMaintenanceStateStore store = new FileMaintenanceStateStore(Path.of(args[0]));
		for (int n = 0; n < Integer.parseInt(args[1]); n++) {
			FileMaintenanceStateStoreTests.increment(store);
		}
	}

}
