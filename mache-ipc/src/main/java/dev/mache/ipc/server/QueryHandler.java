package dev.mache.ipc.server;

import java.util.List;

/** Read-only SQL over the graph's store, for the {@code query} op; wired by the CLI when the graph is a SQLite store. */
@FunctionalInterface
public interface QueryHandler {

    /** @param rows every value as text (null for SQL NULL); at most {@code limit} rows */
    record Result(List<String> columns, List<List<String>> rows, boolean truncated) {
    }

    /** Runs {@code sql} read-only; must refuse anything that writes. */
    Result query(String sql, int limit) throws Exception;
}
