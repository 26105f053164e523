package io.github.maintenancemode.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link MaintenanceState} maps to the columns of the state table: timestamps as
 * UTC epoch milliseconds, the mode by name.
 */
final class MaintenanceStateRow {

	/**
	 * The state columns, in the order {@link #bind} sets them.
	 */
	static final String COLUMNS = "enabled, mode, reason, since_epoch_ms, until_epoch_ms, scheduled_start_epoch_ms, "
			+ "updated_by, version";

	/**
	 * The assignments of an update, in the order {@link #bind} sets them.
	 */
	static final String ASSIGNMENTS = "enabled = ?, mode = ?, reason = ?, since_epoch_ms = ?, until_epoch_ms = ?, "
			+ "scheduled_start_epoch_ms = ?, updated_by = ?, version = ?";

	/**
	 * How many parameters {@link #bind} sets.
	 */
	static final int PARAMETERS = 8;

	private MaintenanceStateRow() {
	}

	static MaintenanceState map(ResultSet resultSet, int row) throws SQLException {
		return new MaintenanceState(resultSet.getBoolean("enabled"),
				MaintenanceState.Mode.valueOf(resultSet.getString("mode")), resultSet.getString("reason"),
				getInstant(resultSet, "since_epoch_ms"), getInstant(resultSet, "until_epoch_ms"),
				getInstant(resultSet, "scheduled_start_epoch_ms"), resultSet.getString("updated_by"),
				resultSet.getLong("version"));
	}

	static void bind(PreparedStatement statement, MaintenanceState state) throws SQLException {
		statement.setBoolean(1, state.enabled());
		statement.setString(2, state.mode().name());
		setText(statement, 3, state.reason());
		setInstant(statement, 4, state.since());
		setInstant(statement, 5, state.until());
		setInstant(statement, 6, state.scheduledStart());
		setText(statement, 7, state.updatedBy());
		statement.setLong(8, state.version());
	}

	/**
	 * Return the state as it reads back from the table: timestamps cut to the
	 * millisecond.
	 * @param state the state
	 * @return the state as stored
	 */
	static MaintenanceState asStored(MaintenanceState state) {
		return new MaintenanceState(state.enabled(), state.mode(), state.reason(), toMillis(state.since()),
				toMillis(state.until()), toMillis(state.scheduledStart()), state.updatedBy(), state.version());
	}

	private static @Nullable Instant getInstant(ResultSet resultSet, String column) throws SQLException {
		long millis = resultSet.getLong(column);
		return resultSet.wasNull() ? null : Instant.ofEpochMilli(millis);
	}

	private static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant)
			throws SQLException {
		if (instant != null) {
			statement.setLong(index, instant.toEpochMilli());
		}
		else {
			statement.setNull(index, Types.BIGINT);
		}
	}

	private static void setText(PreparedStatement statement, int index, @Nullable String text) throws SQLException {
		if (text != null) {
			statement.setString(index, text);
		}
		else {
			statement.setNull(index, Types.VARCHAR);
		}
	}

	private static @Nullable Instant toMillis(@Nullable Instant instant) {
		return (instant != null) ? Instant.ofEpochMilli(instant.toEpochMilli()) : null;
	}

}
