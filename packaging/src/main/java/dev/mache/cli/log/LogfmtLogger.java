package dev.mache.cli.log;

import dev.mache.vfs.ops.Logfmt;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One logger: an event becomes one line, {@code ts level logger msg}, then the event's key/value pairs (slf4j's
 * fluent API), then {@code error} for an exception. With {@code --log-level debug} the stack trace follows the line.
 */
final class LogfmtLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;
    /** {@code level=} values by {@link Level#ordinal()}: {@code error}, {@code warn}... */
    private static final String[] LEVEL_NAMES = java.util.Arrays.stream(Level.values())
            .map(l -> l.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

    /** The name shown: mache's loggers without the {@code dev.mache.} prefix ({@code cli.LiveUpdates}). */
    private final String shown;
    /** Whether this is one of mache's loggers (decided once: Jetty asks isDebugEnabled() many times a request). */
    private final boolean ours;

    LogfmtLogger(String name) {
        this.name = name;
        this.shown = name.startsWith("dev.mache.") ? name.substring("dev.mache.".length()) : name;
        this.ours = Logging.ours(name);
    }

    private boolean enabled(Level level) {
        return Logging.threshold(ours, Logging.level()).admits(level);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable error) {
        write(level, pattern, args, List.of(), error, System.currentTimeMillis());
    }

    /** The fluent API's events ({@code log.atInfo().addKeyValue(...).log()}). */
    @Override
    public void log(LoggingEvent event) {
        if (!enabled(event.getLevel())) {
            return;
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        long ts = event.getTimeStamp() > 0 ? event.getTimeStamp() : System.currentTimeMillis();
        write(event.getLevel(), event.getMessage(), event.getArgumentArray(), pairs, event.getThrowable(), ts);
    }

    private void write(Level level, String pattern, Object[] args, List<KeyValuePair> pairs, Throwable error,
                       long epochMillis) {
        FormattingTuple formatted = MessageFormatter.arrayFormat(pattern, args, error);
        Throwable thrown = error != null ? error : formatted.getThrowable();
        String line = line(level, shown, formatted.getMessage(), pairs, thrown, epochMillis);
        if (thrown != null && Logging.level() == LogLevel.DEBUG) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line = line + trace;
        }
        // one write, so that lines of concurrent threads do not interleave; encoded here, in the stream's own
        // charset as print(String) would, which skips the stream's char encoder (an access log line per request)
        PrintStream sink = Logging.sink();
        byte[] bytes = line.getBytes(sink.charset());
        sink.write(bytes, 0, bytes.length);
    }

    /** The event's line, ending in a newline. */
    static String line(Level level, String logger, String message, List<KeyValuePair> pairs, Throwable error,
                       long epochMillis) {
        StringBuilder line = new StringBuilder(128);
        Logfmt.pair(line, "ts", Logfmt.time(epochMillis));
        Logfmt.pair(line, "level", LEVEL_NAMES[level.ordinal()]);
        Logfmt.pair(line, "logger", logger);
        if (message != null && !message.isEmpty()) {
            Logfmt.pair(line, "msg", message);
        }
        for (KeyValuePair p : pairs) {
            Logfmt.pair(line, p.key, p.value);
        }
        if (error != null) {
            Logfmt.pair(line, "error", error.getMessage() == null ? error.getClass().getName()
                    : error.getClass().getName() + ": " + error.getMessage());
        }
        return line.append('\n').toString();
    }
}
