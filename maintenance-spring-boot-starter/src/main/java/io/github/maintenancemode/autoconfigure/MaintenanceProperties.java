package io.github.maintenancemode.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.maintenancemode.MaintenanceState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * Configuration properties for maintenance mode.
 */
@ConfigurationProperties("maintenance")
public class MaintenanceProperties {

	/**
	 * Whether maintenance is on at startup when the store holds no state.
	 */
	private boolean enabled;

	/**
	 * Reason shown to visitors when maintenance is on at startup.
	 */
	private @Nullable String reason;

	/**
	 * Mode at startup when the store holds no state: FULL closes everything, READ_ONLY
	 * lets safe methods (GET, HEAD, OPTIONS, TRACE) through.
	 */
	private MaintenanceState.Mode mode = MaintenanceState.Mode.FULL;

	/**
	 * Retry-After sent when the expected end is unknown or already past.
	 */
	private Duration retryAfter = Duration.ofMinutes(5);

	/**
	 * How long before a planned window starts to announce it (the maintenanceNotice
	 * request attribute, the banner fragment and the Maintenance-Notice header).
	 */
	private Duration announceBefore = Duration.ofHours(24);

	/**
	 * Planned maintenance windows that start and end by themselves. A window is planned
	 * while its start is still ahead.
	 */
	private List<MaintenanceWindow> windows = new ArrayList<>();

	/**
	 * How long any maintenance may last before it is switched off by itself, a fleet-wide
	 * safety net against maintenance forgotten on. No limit when not set.
	 */
	private @Nullable Duration maxDuration;

	private final Drain drain = new Drain();

	private final Readiness readiness = new Readiness();

	private final Filter filter = new Filter();

	private final Response response = new Response();

	private final Allow allow = new Allow();

	private final Bypass bypass = new Bypass();

	private final Scheduling scheduling = new Scheduling();

	private final Store store = new Store();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getReason() {
		return this.reason;
	}

	public void setReason(@Nullable String reason) {
		this.reason = reason;
	}

	public MaintenanceState.Mode getMode() {
		return this.mode;
	}

	public void setMode(MaintenanceState.Mode mode) {
		this.mode = mode;
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	public void setRetryAfter(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	public Duration getAnnounceBefore() {
		return this.announceBefore;
	}

	public void setAnnounceBefore(Duration announceBefore) {
		this.announceBefore = announceBefore;
	}

	public List<MaintenanceWindow> getWindows() {
		return this.windows;
	}

	public void setWindows(List<MaintenanceWindow> windows) {
		this.windows = windows;
	}

	public @Nullable Duration getMaxDuration() {
		return this.maxDuration;
	}

	public void setMaxDuration(@Nullable Duration maxDuration) {
		this.maxDuration = maxDuration;
	}

	public Drain getDrain() {
		return this.drain;
	}

	public Readiness getReadiness() {
		return this.readiness;
	}

	public Filter getFilter() {
		return this.filter;
	}

	public Response getResponse() {
		return this.response;
	}

	public Allow getAllow() {
		return this.allow;
	}

	public Bypass getBypass() {
		return this.bypass;
	}

	public Scheduling getScheduling() {
		return this.scheduling;
	}

	public Store getStore() {
		return this.store;
	}

	/**
	 * Servlet filter properties.
	 */
	public static class Filter {

		/**
		 * Whether to register the maintenance filter.
		 */
		private boolean enabled = true;

		/**
		 * Order of the maintenance filter: it should run before security and every other
		 * filter that does real work.
		 */
		private int order = Ordered.HIGHEST_PRECEDENCE + 10;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

	/**
	 * Maintenance response properties.
	 */
	public static class Response {

		/**
		 * HTTP status of the maintenance response (a 4xx or 5xx code).
		 */
		private int status = 503;

		/**
		 * Thymeleaf template for the maintenance page. By default the application's own
		 * "maintenance" template when it has one, otherwise the starter's page.
		 */
		private @Nullable String template;

		/**
		 * URL of an external status page to redirect browsers to (307) instead of showing
		 * the page. JSON clients still get problem JSON.
		 */
		private @Nullable String redirectUrl;

		/**
		 * Path patterns (PathPattern syntax, relative to the context path and the
		 * dispatcher servlet's path) whose refused requests always get problem JSON,
		 * whatever they accept, such as "/api/**".
		 */
		private List<String> jsonPaths = new ArrayList<>();

		/**
		 * The "type" URI of the problem details (RFC 9457) of a maintenance response, so
		 * that clients can tell a maintenance 503 from any other.
		 */
		private String problemType = "tag:maintenancemode.github.io,2026:maintenance";

		public int getStatus() {
			return this.status;
		}

		public void setStatus(int status) {
			this.status = status;
		}

		public @Nullable String getTemplate() {
			return this.template;
		}

		public void setTemplate(@Nullable String template) {
			this.template = template;
		}

		public @Nullable String getRedirectUrl() {
			return this.redirectUrl;
		}

		public void setRedirectUrl(@Nullable String redirectUrl) {
			this.redirectUrl = redirectUrl;
		}

		public String getProblemType() {
			return this.problemType;
		}

		public void setProblemType(String problemType) {
			this.problemType = problemType;
		}

		public List<String> getJsonPaths() {
			return this.jsonPaths;
		}

		public void setJsonPaths(List<String> jsonPaths) {
			this.jsonPaths = jsonPaths;
		}

	}

	/**
	 * Who may pass while maintenance is on.
	 */
	public static class Allow {

		/**
		 * Request paths that pass while maintenance is on (Spring PathPattern syntax, for
		 * example "/login" or "/static/**").
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * Client addresses that pass while maintenance is on: IPv4 or IPv6 addresses and
		 * CIDR ranges, such as "10.0.0.0/8" or "2001:db8::/32". The address is the one
		 * the server resolved; behind a proxy set server.forward-headers-strategy.
		 */
		private List<String> ipAddresses = new ArrayList<>();

		/**
		 * Host names (optionally with ":port") whose requests pass while maintenance is
		 * on, such as a staff-only domain. Only safe where the front proxy routes that
		 * name from the internal network.
		 */
		private List<String> hosts = new ArrayList<>();

		/**
		 * Roles whose signed-in users (any Spring Security login) pass while maintenance
		 * is on, such as "STAFF".
		 */
		private List<String> roles = new ArrayList<>();

		/**
		 * Whether GET and HEAD requests for static resources at Spring Boot's common
		 * locations (/css/**, /js/**, /images/**, /webjars/**, favicons) pass while
		 * maintenance is on, so that a page in the application's own style has its
		 * assets.
		 */
		private boolean staticResources = true;

		public boolean isStaticResources() {
			return this.staticResources;
		}

		public void setStaticResources(boolean staticResources) {
			this.staticResources = staticResources;
		}

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public List<String> getIpAddresses() {
			return this.ipAddresses;
		}

		public void setIpAddresses(List<String> ipAddresses) {
			this.ipAddresses = ipAddresses;
		}

		public List<String> getHosts() {
			return this.hosts;
		}

		public void setHosts(List<String> hosts) {
			this.hosts = hosts;
		}

		public List<String> getRoles() {
			return this.roles;
		}

		public void setRoles(List<String> roles) {
			this.roles = roles;
		}

	}

	/**
	 * The bypass link and cookie.
	 */
	public static class Bypass {

		/**
		 * Secret that lets a browser through: opening any URL with
		 * "?maintenance-bypass=SECRET" sets a signed cookie. At least 16 characters;
		 * changing it revokes every cookie.
		 */
		private @Nullable String secret;

		/**
		 * How long a bypass cookie stays valid.
		 */
		private Duration cookieMaxAge = Duration.ofHours(12);

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public Duration getCookieMaxAge() {
			return this.cookieMaxAge;
		}

		public void setCookieMaxAge(Duration cookieMaxAge) {
			this.cookieMaxAge = cookieMaxAge;
		}

	}

	/**
	 * Scheduled job properties.
	 */
	public static class Scheduling {

		/**
		 * Whether to skip @SkipInMaintenance jobs while maintenance is on.
		 */
		private boolean enabled = true;

		/**
		 * Whether to skip every @Scheduled job while maintenance is on, annotated or not.
		 */
		private boolean skipAll;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isSkipAll() {
			return this.skipAll;
		}

		public void setSkipAll(boolean skipAll) {
			this.skipAll = skipAll;
		}

	}

	/**
	 * Draining of work in flight when maintenance begins.
	 */
	public static class Drain {

		/**
		 * How long requests of HTTP sessions that existed before maintenance began may
		 * continue, so that visitors can finish what they were doing.
		 */
		private Duration gracePeriod = Duration.ZERO;

		public Duration getGracePeriod() {
			return this.gracePeriod;
		}

		public void setGracePeriod(Duration gracePeriod) {
			this.gracePeriod = gracePeriod;
		}

	}

	/**
	 * Readiness properties.
	 */
	public static class Readiness {

		/**
		 * Whether maintenance also sets Spring Boot's readiness to REFUSING_TRAFFIC. Only
		 * for single-instance setups: if every replica refused traffic, the ingress would
		 * show its own error instead of the maintenance page.
		 */
		private boolean refuseTrafficWhenEnabled;

		public boolean isRefuseTrafficWhenEnabled() {
			return this.refuseTrafficWhenEnabled;
		}

		public void setRefuseTrafficWhenEnabled(boolean refuseTrafficWhenEnabled) {
			this.refuseTrafficWhenEnabled = refuseTrafficWhenEnabled;
		}

	}

	/**
	 * What an instance assumes while its store cannot be reached at startup.
	 */
	public enum InitialState {

		/**
		 * The state from maintenance.enabled, maintenance.reason and maintenance.mode.
		 */
		PROPERTIES,

		/**
		 * Maintenance on: nothing is served until the store confirms the state.
		 */
		ENABLED,

		/**
		 * Maintenance off.
		 */
		DISABLED

	}

	/**
	 * State store properties.
	 */
	public static class Store {

		/**
		 * Where the state lives: "memory" (this instance only), or "file", "jdbc",
		 * "redis" to share it between instances.
		 */
		private String type = "memory";

		/**
		 * What an instance that starts while the store cannot be reached assumes until
		 * the store answers: the state from properties, or maintenance on or off.
		 */
		private InitialState initialStateWhenUnreachable = InitialState.PROPERTIES;

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public InitialState getInitialStateWhenUnreachable() {
			return this.initialStateWhenUnreachable;
		}

		public void setInitialStateWhenUnreachable(InitialState initialStateWhenUnreachable) {
			this.initialStateWhenUnreachable = initialStateWhenUnreachable;
		}

	}

}
