package io.github.maintenancemode.web;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

/**
 * The decision of the maintenance filters, whatever the web stack: which requests are
 * exempt, and what a request gets while maintenance is on. The servlet filter and the
 * reactive one are adapters that read the request into a {@link MaintenanceRequest}, ask
 * here and carry out the {@link MaintenanceDecision}; neither decides anything itself.
 * <p>
 * While maintenance is on, a request is decided in this order: a bypass link with the
 * right secret is answered with the bypass cookie; in read-only mode a safe request
 * passes; then the access rules are asked in order and the first that admits lets the
 * request through; a request that only the role of its user could admit is handed to the
 * decision taken once Spring Security knows the user; every other request is refused with
 * the representation it asked for.
 */
public class MaintenanceDecider {

	private final ExemptPaths exemptPaths;

	private final MaintenanceAccessPolicy accessPolicy;

	private final MaintenanceResponses responses;

	private final @Nullable BypassLink bypassLink;

	private volatile @Nullable DeferredDecision deferredDecision;

	/**
	 * Create the decider.
	 * @param exemptPaths paths that always pass
	 * @param accessPolicy decides who passes while maintenance is on
	 * @param responses chooses the representation of a refusal
	 * @param bypass the bypass rule whose link sets the bypass cookie, or {@code null}
	 */
	public MaintenanceDecider(ExemptPaths exemptPaths, MaintenanceAccessPolicy accessPolicy,
			MaintenanceResponses responses, @Nullable BypassCookieAccessRule bypass) {
		this.exemptPaths = exemptPaths;
		this.accessPolicy = accessPolicy;
		this.responses = responses;
		this.bypassLink = (bypass != null && bypass.isConfigured()) ? new BypassLink(bypass) : null;
	}

	/**
	 * Hand requests that only the role of their user could admit to a later decision.
	 * @param decision the decision taken once the user is known, or {@code null} to
	 * decide every request at once
	 */
	public void setDeferredDecision(@Nullable DeferredDecision decision) {
		this.deferredDecision = decision;
	}

	/**
	 * Return whether a method is safe (RFC 9110 §9.2.1): it only reads. In read-only mode
	 * safe requests pass; a bypass link, the page's assets and static resources are
	 * answered only to them; and a page that answers anything else answers a form.
	 * @param method the HTTP method
	 * @return whether it is {@code GET}, {@code HEAD}, {@code OPTIONS} or {@code TRACE}
	 */
	public static boolean isSafe(String method) {
		return switch (method) {
			case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
			default -> false;
		};
	}

	/**
	 * Return the path that the rules see: the part of the raw URI that the handler
	 * mapping matches, when the URI is canonical.
	 * @param uri the raw request path
	 * @param offset where the handler mapping's path starts in it, or -1 when no handler
	 * mapping of the application sees the request
	 * @return the path, or {@code null} when no rule may admit the request by its path
	 * (dot segments, {@code ;} parameters, encoded {@code .} {@code /} {@code \} or
	 * {@code %}, doubled slashes, or outside the application's handler mappings)
	 */
	public static @Nullable String handlerPath(String uri, int offset) {
		return (offset >= 0 && CanonicalPaths.isCanonical(uri)) ? uri.substring(offset) : null;
	}

	/**
	 * Decide whether a request is exempt, whatever the state. Allocates nothing for a
	 * request that is not.
	 * @param method the HTTP method
	 * @param uri the raw request path
	 * @param offset where the path that the handler mapping matches starts in {@code uri}
	 * (after the context path and the dispatcher servlet's prefix), or -1 when no handler
	 * mapping of the application sees the request
	 * @return how the request is exempt
	 */
	public ExemptPaths.Exemption exemptionOf(String method, String uri, int offset) {
		return this.exemptPaths.exemptionOf(method, uri, offset);
	}

	/**
	 * Decide what a request that is not exempt gets while maintenance is on.
	 * @param request the request
	 * @param state the current state (enabled)
	 * @return the decision
	 */
	public MaintenanceDecision decide(MaintenanceRequest request, MaintenanceState state) {
		BypassLink bypassLink = this.bypassLink;
		if (bypassLink != null) {
			MaintenanceDecision.BypassRedirect redirect = bypassLink.redirectFor(request);
			if (redirect != null) {
				return MaintenanceDecision.bypass(redirect);
			}
		}
		if (this.accessPolicy.admits(request, state)) {
			return MaintenanceDecision.PASS;
		}
		DeferredDecision later = this.deferredDecision;
		if (later != null && later.mayAdmitLater(request)) {
			return MaintenanceDecision.DEFER;
		}
		return MaintenanceDecision.refuse(kindFor(request));
	}

	/**
	 * Return the representation of the maintenance response that a refused request gets.
	 * @param request the request
	 * @return the representation
	 * @see MaintenanceResponses#kindFor
	 */
	public MaintenanceResponseKind kindFor(MaintenanceRequest request) {
		return this.responses.kindFor(request);
	}

}
