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
        Path source = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new CliException(dir + ": not a directory");
        }
        Path target = db != null ? db.toAbsolutePath().normalize() : cli.store().defaultDbFor(source);
        ServedStore served = new ServedStore(source, target);
        cli.out().println(IndexCommand.summary(served.index(cli, maxFileBytes, threads, true), target));
        return served;
    }

    /** Indexes the source into the database again (unchanged files are not read). */
    GraphStore.Report index(Cli cli, Long maxFileBytes, Integer threads, boolean progress) throws Exception {
        try (ProgressLine line = new ProgressLine(cli.err(), progress && cli.terminal())) {
            return cli.store().index(source, db, maxFileBytes, threads, line);
        }
    }

    String describe() {
        return (source != null ? source + " from " : "") + db;
    }
}
