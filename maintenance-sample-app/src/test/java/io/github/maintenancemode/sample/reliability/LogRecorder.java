package io.github.maintenancemode.sample.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Records, while open, every log event at {@code ERROR}, every event that carries an
 * exception and every event whose message names one (such as the warnings of Spring MVC's
 * exception resolvers), from every logger and thread.
 */
final class LogRecorder extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final List<String> problems = new CopyOnWriteArrayList<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private LogRecorder() {
		setName("reliability-log-recorder");
	}

	/**
	 * Start recording.
	 * @return the recorder, to close when done
	 */
	static LogRecorder record() {
		LogRecorder recorder = new LogRecorder();
		recorder.setContext(recorder.root.getLoggerContext());
		recorder.start();
		recorder.root.addAppender(recorder);
		return recorder;
	}

	@Override
	protected void append(ILoggingEvent event) {
		IThrowableProxy throwable = event.getThrowableProxy();
		if (event.getLevel().isGreaterOrEqual(Level.ERROR) || throwable != null
				|| event.getFormattedMessage().contains("Exception")) {
			this.problems.add(event.getLevel() + " [" + event.getThreadName() + "] " + event.getLoggerName() + ": "
					+ event.getFormattedMessage() + ((throwable != null)
							? " (" + throwable.getClassName() + ": " + throwable.getMessage() + ")" : ""));
		}
	}

	/**
	 * The events recorded so far, one line each.
	 * @return the events
	 */
	List<String> problems() {
		return List.copyOf(this.problems);
	}

	@Override
	public void close() {
		this.root.detachAppender(this);
		stop();
	}

}
