package dev.mache.cli.log;

import java.io.PrintStream;

/**
 * The process's logging settings: the level and where the lines go (stderr). {@code serve} and {@code daemon} set
 * them from {@code --log-level} (default info); other commands log warnings and errors only. mache's own loggers
 * ({@code dev.mache.*} and {@code mache.*}, such as the access log {@code mache.access}) log at the level; the
 * libraries' (Jetty, Grizzly, oncrpc4j) at warn or above, or at info with {@code debug}, since their debug output is
 * of use to their authors.
 */
public final class Logging {
    /** @param sink null: whatever {@link System#err} is when a line is written */
    private record Settings(LogLevel level, PrintStream sink) {
    }

    /** Until a command configures it: warnings and errors (index, ls, cat... keep a quiet stderr). */
    private static final Settings DEFAULT = new Settings(LogLevel.WARN, null);
    private static volatile Settings settings = DEFAULT;

    private Logging() {
    }

    /** Settings to go back to when a command ends (the tests run many commands in one JVM). */
    @FunctionalInterface
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    /** From now on, log at {@code level} to {@code sink}, until the returned {@link Restore} is closed. */
    public static Restore configure(LogLevel level, PrintStream sink) {
        Settings before = settings;
        settings = new Settings(level, sink);
        return () -> settings = before;
    }

    public static LogLevel level() {
        return settings.level();
    }

    static PrintStream sink() {
        PrintStream s = settings.sink();
        return s != null ? s : System.err;
    }

    /** The threshold of one of mache's loggers ({@code ours}, see {@link #ours}) or of a library's. */
    static LogLevel threshold(boolean ours, LogLevel level) {
        if (ours) {
            return level;
        }
        return switch (level) {
            case DEBUG -> LogLevel.INFO;
            case INFO, WARN -> LogLevel.WARN;
            case ERROR -> LogLevel.ERROR;
        };
    }

    static boolean ours(String name) {
        return name.startsWith("dev.mache.") || name.startsWith("mache.");
    }
}
