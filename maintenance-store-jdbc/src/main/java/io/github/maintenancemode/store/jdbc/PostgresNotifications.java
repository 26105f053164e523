package io.github.maintenancemode.store.jdbc;

import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.util.Assert;

/**
 * How a {@link JdbcMaintenanceStateStore} on PostgreSQL pushes its changes: every write
 * also sends {@code pg_notify} on the channel, in the transaction of the write, and each
 * store listens on the channel on a connection of its own.
 * <p>
 * PostgreSQL delivers a notification when its transaction commits, so a listener never
 * hears of a change before it can read it. Notifications sent while a listener is not
 * connected are lost: after each (re)connection the listener reads the state once, and
 * the store's polling stays the safety net. On any other database, nothing is sent and
 * the listener stops after its first connection.
 *
 * @param listenerConnections where the listener takes its connection, which it holds for
 * as long as it listens (best an unpooled data source, so that no pool is short of one)
 * @param channel the channel: letters, digits, underscores and dots, at most
 * {@value #MAX_CHANNEL_LENGTH} characters
 */
public record PostgresNotifications(DataSource listenerConnections, String channel) {

	/**
	 * The longest channel name PostgreSQL accepts.
	 */
	public static final int MAX_CHANNEL_LENGTH = 63;

	private static final Pattern CHANNEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

	/**
	 * Create the notification settings of a store.
	 * @param listenerConnections where the listener takes its connection
	 * @param channel the channel
	 */
	public PostgresNotifications {
		Assert.isTrue(isValidChannel(channel), () -> "Channel '" + channel
				+ "' is not valid: use at most 63 letters, digits, underscores and dots, not starting with a digit");
	}

	/**
	 * Return whether the given name can be used as the channel: letters, digits,
	 * underscores and dots, not starting with a digit or a dot, at most
	 * {@value #MAX_CHANNEL_LENGTH} characters.
	 * @param channel the candidate name
	 * @return whether it is valid
	 */
	public static boolean isValidChannel(String channel) {
		return channel.length() <= MAX_CHANNEL_LENGTH && CHANNEL.matcher(channel).matches();
	}

	/**
	 * The channel as an SQL identifier, for {@code LISTEN}: quoted, so that its case is
	 * kept as {@code pg_notify} keeps it.
	 * @return the quoted channel
	 */
	String quotedChannel() {
		return "\"" + this.channel + "\"";
	}

}
