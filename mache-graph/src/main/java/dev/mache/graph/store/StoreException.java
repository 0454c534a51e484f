package dev.mache.graph.store;

/** The store could not be opened or read: missing file, not a mache store, unsupported schema, or an SQL error. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
