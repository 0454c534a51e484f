package dev.mache.cli.log;

import java.io.PrintStream;

/**
 * The process's logging settings: the level and where the lines go (stderr). mache's own loggers ({@code dev.mache.*}
 * and {@code mache.*}, such as the access log {@code mache.access}) log at the level; the libraries' (Jetty, Grizzly,
 * oncrpc4j) at warn or above, or at info with {@code debug}, since their debug output is of use to their authors.
 */
public final class Logging {
    private record Settings(LogLevel level, PrintStream sink) {
    }

    private static volatile Settings settings = new Settings(LogLevel.INFO, System.err);

    private Logging() {
    }

    /** From now on, log at {@code level} to {@code sink}. */
    public static void configure(LogLevel level, PrintStream sink) {
        settings = new Settings(level, sink);
    }

    public static LogLevel level() {
        return settings.level();
    }

    static PrintStream sink() {
        return settings.sink();
    }

    /** The threshold of logger {@code name}. */
    static LogLevel threshold(String name, LogLevel level) {
        if (ours(name)) {
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
