package dev.mache.cli;

/** A failure the user caused or can fix: printed as one line, exit status 1, no stack trace. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
