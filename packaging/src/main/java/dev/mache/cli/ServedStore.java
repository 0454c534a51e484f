package dev.mache.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store a long-running command ({@code serve}, {@code daemon}) serves: a source tree indexed (incrementally)
 * into its database first, or an existing database as it is.
 */
record ServedStore(Path source, Path db) {

    static ServedStore prepare(Cli cli, Path dir, Path db, Long maxFileBytes, Integer threads) throws Exception {
        if (dir == null) {
            if (db == null) {
                throw new CliException("give a source DIR to index and serve, or --db FILE to serve");
            }
            return new ServedStore(null, db.toAbsolutePath().normalize());
        }
        ServedStore served = locate(cli, dir, db);
        cli.out().println(IndexCommand.summary(served.index(cli, maxFileBytes, threads, true), served.db()));
        return served;
    }

    /** The source tree {@code dir} and its database, not indexed yet. */
    static ServedStore locate(Cli cli, Path dir, Path db) {
        Path source = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new CliException(dir + ": not a directory");
        }
        Path target = db != null ? db.toAbsolutePath().normalize() : cli.store().defaultDbFor(source);
        return new ServedStore(source, target);
    }

    /** One indexing run at a time (the file watcher and the daemon's {@code reparse} both re-index). */
    private static final Object INDEXING = new Object();

    /** Indexes the source into the database again (unchanged files are not read). */
    GraphStore.Report index(Cli cli, Long maxFileBytes, Integer threads, boolean progress) throws Exception {
        return index(cli, maxFileBytes, threads, progress, (done, total, path) -> { });
    }

    /** As {@link #index(Cli, Long, Integer, boolean)}, also telling {@code also} how far it got. */
    GraphStore.Report index(Cli cli, Long maxFileBytes, Integer threads, boolean progress, GraphStore.Progress also)
            throws Exception {
        synchronized (INDEXING) {
            try (ProgressLine line = new ProgressLine(cli.err(), progress && cli.terminal())) {
                return cli.store().index(source, db, maxFileBytes, threads, (done, total, path) -> {
                    line.update(done, total, path);
                    also.update(done, total, path);
                });
            }
        }
    }

    /**
     * The first index of a tree with no store yet, committed in batches ({@link GraphStore#indexInBatches}):
     * {@code committed} hears of each commit.
     */
    GraphStore.Report indexInBatches(Cli cli, Long maxFileBytes, Integer threads, boolean progress,
                                     GraphStore.Progress also, GraphStore.BatchCommitted committed) throws Exception {
        synchronized (INDEXING) {
            try (ProgressLine line = new ProgressLine(cli.err(), progress && cli.terminal())) {
                return cli.store().indexInBatches(source, db, maxFileBytes, threads, (done, total, path) -> {
                    line.update(done, total, path);
                    also.update(done, total, path);
                }, committed);
            }
        }
    }

    String describe() {
        return (source != null ? source + " from " : "") + db;
    }
}
