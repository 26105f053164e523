package io.github.maintenancemode.command;

import java.io.PrintStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.maintenancemode.MaintenanceMode;
import io.github.maintenancemode.MaintenanceState;
import io.github.maintenancemode.MaintenanceStateConflictException;
import io.github.maintenancemode.MaintenanceStoreSync;
import io.github.maintenancemode.MaintenanceStoreUnavailableException;
import io.github.maintenancemode.actuate.InvalidMaintenanceRequestException;
import io.github.maintenancemode.actuate.MaintenanceChangeRequest;
import io.github.maintenancemode.store.InMemoryMaintenanceStateStore;
import io.github.maintenancemode.store.MaintenanceStateJson;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * One maintenance command given on the application's command line, parsed and carried out
 * on the application's {@link MaintenanceMode}:
 * <ul>
 * <li>{@code maintenance on [--reason=TEXT] [--mode=full|read-only]
 * [--until=INSTANT|--duration=DURATION] [--start=INSTANT] [--auto-end] [--by=NAME]}</li>
 * <li>{@code maintenance off [--by=NAME]}</li>
 * <li>{@code maintenance status}: the stored state as JSON</li>
 * </ul>
 * The options are those of the endpoint's JSON body, validated the same way. Options with
 * a dot in their name ({@code --spring.profiles.active=prod}) are the application's
 * properties, as on any start.
 */
final class MaintenanceCommand {

	/**
	 * The first argument that makes a start a command.
	 */
	static final String NAME = "maintenance";

	/**
	 * Exit code: done.
	 */
	static final int DONE = 0;

	/**
	 * Exit code: the store could not be reached or the change not stored.
	 */
	static final int FAILED = 1;

	/**
	 * Exit code: the command line is wrong, or the application cannot run commands.
	 */
	static final int USAGE = 2;

	static final String USAGE_TEXT = "usage: maintenance on [--reason=TEXT] [--mode=full|read-only] "
			+ "[--until=INSTANT|--duration=DURATION] [--start=INSTANT] [--auto-end] [--by=NAME] "
			+ "| maintenance off [--by=NAME] | maintenance status";

	private static final Set<String> OPTIONS = Set.of("reason", "mode", "until", "duration", "start", "auto-end", "by");

	/**
	 * Boot's own options without a dot.
	 */
	private static final Set<String> BOOT_OPTIONS = Set.of("debug", "trace");

	private static final String DEFAULT_BY = "command line";

	private final ApplicationArguments arguments;

	private final List<String> words;

	private MaintenanceCommand(String[] args) {
		this.arguments = new DefaultApplicationArguments(args);
		this.words = this.arguments.getNonOptionArgs();
	}

	/**
	 * Return the command of a command line, when it is one: its first word that is no
	 * option is {@value #NAME}.
	 * @param args the application's arguments
	 * @return the command, or {@code null} for an ordinary start
	 */
	static @Nullable MaintenanceCommand of(String[] args) {
		MaintenanceCommand command = new MaintenanceCommand(args);
		return (!command.words.isEmpty() && NAME.equals(command.words.get(0))) ? command : null;
	}

	/**
	 * Carry out the command.
	 * @param maintenanceMode the application's switch, or {@code null} when the starter
	 * is not active in it
	 * @param clock the clock
	 * @param out where the result goes
	 * @param err where a failure goes, in one line
	 * @return the exit code
	 */
	int run(@Nullable MaintenanceMode maintenanceMode, Clock clock, PrintStream out, PrintStream err) {
		String problem = usageProblem();
		if (problem != null) {
			err.println("maintenance: " + problem);
			err.println(USAGE_TEXT);
			return USAGE;
		}
		if (maintenanceMode == null) {
			return fail(err, USAGE, "maintenance mode is not active in this application (no MaintenanceMode bean)");
		}
		if (InMemoryMaintenanceStateStore.TYPE.equals(maintenanceMode.storeType())) {
			return fail(err, USAGE, "the state store is in memory (maintenance.store.type=memory), so a change "
					+ "would end with this command; configure a shared store (file, jdbc or redis)");
		}
		String action = this.words.get(1);
		try {
			if (action.equals("status")) {
				return status(maintenanceMode, out, err);
			}
			MaintenanceChangeRequest request = MaintenanceChangeRequest.parse(action.equals("on"), option("reason"),
					mode(), option("start"), option("until"), option("duration"), autoEnd(),
					clock.instant().truncatedTo(ChronoUnit.MILLIS));
			String by = option("by");
			MaintenanceState state = request.applyTo(maintenanceMode, (by != null) ? by : DEFAULT_BY);
			out.println(describe(state, maintenanceMode.storeType()));
			return DONE;
		}
		catch (InvalidMaintenanceRequestException ex) {
			return fail(err, USAGE, ex.getMessage().replace("'enabled'", "'on' or 'off'") + "; nothing changed");
		}
		catch (MaintenanceStoreUnavailableException ex) {
			return fail(err, FAILED, unreachable(maintenanceMode) + "; nothing changed");
		}
		catch (MaintenanceStateConflictException ex) {
			return fail(err, FAILED, "the maintenance state kept changing concurrently; nothing changed");
		}
		catch (IllegalStateException ex) {
			return fail(err, FAILED, ex.getMessage() + "; nothing changed");
		}
	}

	private int status(MaintenanceMode maintenanceMode, PrintStream out, PrintStream err) {
		MaintenanceStoreSync storeSync = new MaintenanceStoreSync(maintenanceMode);
		storeSync.refresh();
		if (storeSync.storeError() != null) {
			return fail(err, FAILED, unreachable(maintenanceMode));
		}
		out.println(MaintenanceStateJson.write(maintenanceMode.status()));
		return DONE;
	}

	private @Nullable String usageProblem() {
		if (this.words.size() < 2) {
			return "say what to do: on, off or status";
		}
		if (this.words.size() > 2) {
			return "unexpected '" + this.words.get(2) + "' (give option values as --name=value)";
		}
		String action = this.words.get(1);
		if (!List.of("on", "off", "status").contains(action)) {
			return "unknown command '" + action + "' (on, off or status)";
		}
		for (String name : this.arguments.getOptionNames()) {
			if (name.contains(".") || BOOT_OPTIONS.contains(name)) {
				continue;
			}
			if (!OPTIONS.contains(name)) {
				return "unknown option --" + name;
			}
			if (!action.equals("on") && !name.equals("by")) {
				return "--" + name + " applies to 'maintenance on' only";
			}
			List<String> values = this.arguments.getOptionValues(name);
			if (values != null && values.size() > 1) {
				return "--" + name + " is given more than once";
			}
		}
		return null;
	}

	private @Nullable String option(String name) {
		List<String> values = this.arguments.getOptionValues(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private @Nullable String mode() {
		String mode = option("mode");
		return (mode != null) ? mode.replace('-', '_') : null;
	}

	private @Nullable Object autoEnd() {
		if (!this.arguments.containsOption("auto-end")) {
			return null;
		}
		String value = option("auto-end");
		return (value != null) ? value.toLowerCase(Locale.ROOT) : "true";
	}

	private static String unreachable(MaintenanceMode maintenanceMode) {
		String error = new MaintenanceStoreSync(maintenanceMode).storeError();
		return "the maintenance state store '" + maintenanceMode.storeType() + "' is unreachable"
				+ ((error != null) ? " (" + error + ")" : "");
	}

	private static String describe(MaintenanceState state, String store) {
		StringBuilder line = new StringBuilder("Maintenance ");
		boolean planned = !state.enabled() && state.scheduledStart() != null;
		if (!state.enabled() && !planned) {
			line.append("off");
		}
		else {
			line.append(planned ? "planned" : "on").append(": ").append(state.mode());
			if (planned) {
				line.append(", from ").append(state.scheduledStart());
			}
			if (state.until() != null) {
				line.append(", until ").append(state.until());
			}
			if (state.reason() != null) {
				line.append(", reason '").append(state.reason()).append("'");
			}
		}
		return line.append(" (store ")
			.append(store)
			.append(", version ")
			.append(state.version())
			.append(")")
			.toString();
	}

	private static int fail(PrintStream err, int code, String message) {
		err.println("maintenance: " + message);
		return code;
	}

}
