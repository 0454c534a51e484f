package dev.mache.cli;

import dev.mache.graph.Graph;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the command line needs from the snapshot store: open a database, find the default database of a source tree,
 * and index a tree into a database. The real one is {@link SqliteStore}; tests hand in an in-memory one.
 */
public interface GraphStore {

    Graph open(Path db) throws Exception;

    Path defaultDbFor(Path source);

    /**
     * Indexes {@code source} into {@code db} incrementally.
     *
     * @param maxFileBytes null for the store's default
     * @param threads      null for the store's default
     */
    Report index(Path source, Path db, Long maxFileBytes, Integer threads, Progress progress) throws Exception;

    /** Called as files are done; {@code path} is the file being worked on. */
    @FunctionalInterface
    interface Progress {
        void update(long done, long total, String path);
    }

    record Report(long files, long parsed, long unchanged, long deleted, long skipped, long constructs,
                  long references, Duration elapsed) {
    }
}
