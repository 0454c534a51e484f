package dev.mache.ipc;

/** The daemon answered with an error, or could not be reached; thrown by the client's Graph operations. */
public class DaemonException extends RuntimeException {
    public DaemonException(String message) {
        super(message);
    }

    public DaemonException(String message, Throwable cause) {
        super(message, cause);
    }
}
