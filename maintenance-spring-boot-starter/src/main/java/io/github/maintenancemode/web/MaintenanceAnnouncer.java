package io.github.maintenancemode.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a planned window is announced: from {@code maintenance.announce-before}
 * ahead of its start until it starts. The notice is built once per state.
 */
public class MaintenanceAnnouncer {

	private final Clock clock;

	private final Duration announceBefore;

	private final MaintenanceMessages messages;

	private volatile @Nullable Cached cached;

	private volatile @Nullable Cached readOnly;

	public MaintenanceAnnouncer(Clock clock, Duration announceBefore, MaintenanceMessages messages) {
		this.clock = clock;
		this.announceBefore = announceBefore;
		this.messages = messages;
	}

	/**
	 * Return the notice to show with this state now, if any.
	 * @param state the current state
	 * @return the notice, or {@code null}
	 */
	public @Nullable MaintenanceNotice noticeFor(MaintenanceState state) {
		Instant start = state.scheduledStart();
		if (state.enabled() || start == null) {
			return null;
		}
		Instant now = this.clock.instant();
		if (now.isBefore(start.minus(this.announceBefore)) || !now.isBefore(start)) {
			return null;
		}
		Cached cached = this.cached;
		if (cached == null || cached.state != state) {
			cached = new Cached(state, new MaintenanceNotice(state.reason(), start, state.until(), this.messages),
					start.toString());
			this.cached = cached;
		}
		return cached.notice;
	}

	/**
	 * Return the notice that writes are closed, for requests that pass while the site is
	 * read-only.
	 * @param state the current state (enabled, read-only)
	 * @return the notice
	 */
	public MaintenanceNotice readOnlyNoticeFor(MaintenanceState state) {
		Cached cached = this.readOnly;
		if (cached == null || cached.state != state) {
			Instant since = (state.since() != null) ? state.since() : this.clock.instant();
			cached = new Cached(state, new MaintenanceNotice(state.reason(), since, state.until(), this.messages, true),
					since.toString());
			this.readOnly = cached;
		}
		return cached.notice;
	}

	/**
	 * Return the {@code Maintenance-Notice} header value for a notice from
	 * {@link #noticeFor}.
	 * @param notice the notice
	 * @return the window's start as an ISO-8601 instant
	 */
	public String headerValue(MaintenanceNotice notice) {
		Cached cached = this.cached;
		return (cached != null && cached.notice == notice) ? cached.header : notice.start().toString();
	}

	private record Cached(MaintenanceState state, MaintenanceNotice notice, String header) {

	}

}
