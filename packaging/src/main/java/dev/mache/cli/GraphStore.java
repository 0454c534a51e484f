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

    /**
     * The first index of a tree whose store does not exist yet, committed in batches: each commit (one transaction)
     * holds a growing prefix of the tree's files in path order, so a server over the store shows the tree filling in
     * with whole files only. {@code committed} is told after each commit. The store equals what {@link #index} would
     * have built. This default indexes in one go (one batch).
     */
    default Report indexInBatches(Path source, Path db, Long maxFileBytes, Integer threads, Progress progress,
                                  BatchCommitted committed) throws Exception {
        Report r = index(source, db, maxFileBytes, threads, progress);
        committed.committed(r.files(), r.files());
        return r;
    }

    /** A batch of a first index committed: {@code done} of {@code total} files are in the store now. */
    @FunctionalInterface
    interface BatchCommitted {
        void committed(long done, long total) throws Exception;
    }

    /** Called as files are done; {@code path} is the file being worked on. */
    @FunctionalInterface
    interface Progress {
        void update(long done, long total, String path);
    }

    record Report(long files, long parsed, long unchanged, long deleted, long skipped, long constructs,
                  long references, Duration elapsed) {
    }
}
