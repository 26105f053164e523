package io.github.maintenancemode.web;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;

/**
 * What to do with a request while maintenance is on, as {@link MaintenanceDecider}
 * decides it: let it pass, hand it to a later decision, answer a bypass link, or refuse
 * it with a given representation. The decisions without data are shared constants, so
 * that deciding allocates nothing.
 */
public final class MaintenanceDecision {

	/**
	 * Let the request pass to the application.
	 */
	public static final MaintenanceDecision PASS = new MaintenanceDecision(Action.PASS, null, null);

	/**
	 * Let the request go on to a decision taken once its user is known.
	 */
	public static final MaintenanceDecision DEFER = new MaintenanceDecision(Action.DEFER, null, null);

	private static final MaintenanceDecision[] REFUSALS = refusals();

	private final Action action;

	private final @Nullable MaintenanceResponseKind kind;

	private final @Nullable BypassRedirect bypassRedirect;

	private MaintenanceDecision(Action action, @Nullable MaintenanceResponseKind kind,
			@Nullable BypassRedirect bypassRedirect) {
		this.action = action;
		this.kind = kind;
		this.bypassRedirect = bypassRedirect;
	}

	private static MaintenanceDecision[] refusals() {
		MaintenanceResponseKind[] kinds = MaintenanceResponseKind.values();
		MaintenanceDecision[] refusals = new MaintenanceDecision[kinds.length];
		for (MaintenanceResponseKind kind : kinds) {
			refusals[kind.ordinal()] = new MaintenanceDecision(Action.REFUSE, kind, null);
		}
		return refusals;
	}

	/**
	 * Refuse the request with the maintenance response.
	 * @param kind its representation
	 * @return the decision
	 */
	public static MaintenanceDecision refuse(MaintenanceResponseKind kind) {
		return REFUSALS[kind.ordinal()];
	}

	/**
	 * Answer a bypass link.
	 * @param redirect the redirect that sets the bypass cookie
	 * @return the decision
	 */
	public static MaintenanceDecision bypass(BypassRedirect redirect) {
		return new MaintenanceDecision(Action.BYPASS, null, redirect);
	}

	/**
	 * What to do.
	 * @return the action
	 */
	public Action action() {
		return this.action;
	}

	/**
	 * The representation of a refusal.
	 * @return the kind
	 * @throws IllegalStateException unless the action is {@link Action#REFUSE}
	 */
	public MaintenanceResponseKind kind() {
		MaintenanceResponseKind kind = this.kind;
		if (kind == null) {
			throw new IllegalStateException("A decision to " + this.action + " has no response kind");
		}
		return kind;
	}

	/**
	 * The answer to a bypass link.
	 * @return the redirect
	 * @throws IllegalStateException unless the action is {@link Action#BYPASS}
	 */
	public BypassRedirect bypassRedirect() {
		BypassRedirect redirect = this.bypassRedirect;
		if (redirect == null) {
			throw new IllegalStateException("A decision to " + this.action + " has no bypass redirect");
		}
		return redirect;
	}

	@Override
	public String toString() {
		return (this.kind != null) ? this.action + " " + this.kind : this.action.name();
	}

	/**
	 * What a decision tells the adapter of a web stack to do.
	 */
	public enum Action {

		/**
		 * Pass the request on to the application.
		 */
		PASS,

		/**
		 * Pass the request on to the filter that decides once its user is known.
		 */
		DEFER,

		/**
		 * Answer {@code 303 See Other} with the bypass cookie.
		 */
		BYPASS,

		/**
		 * Answer with the maintenance response.
		 */
		REFUSE

	}

	/**
	 * The answer to a bypass link: {@code 303 See Other} to the same URL without the
	 * secret, setting the bypass cookie.
	 *
	 * @param location the {@code Location}: the same path and query, without the secret
	 * @param cookie the bypass cookie
	 */
	public record BypassRedirect(String location, ResponseCookie cookie) {

	}

}
