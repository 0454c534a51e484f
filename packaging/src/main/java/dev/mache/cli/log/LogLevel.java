package dev.mache.cli.log;

import org.slf4j.event.Level;

import java.util.Locale;

/** The levels {@code --log-level} takes, most severe first. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG;

    /** Parses {@code error|warn|info|debug}, in any case. */
    public static LogLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown log level '" + text + "' (expected error, warn, info or debug)");
        }
    }

    /** Whether an event at slf4j's {@code level} passes this threshold (trace passes none). */
    boolean admits(Level level) {
        return switch (level) {
            case ERROR -> true;
            case WARN -> this != ERROR;
            case INFO -> this == INFO || this == DEBUG;
            case DEBUG -> this == DEBUG;
            case TRACE -> false;
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
