package dev.mache.cli;

import dev.mache.graph.Graph;

import java.nio.file.Path;

/** The SQLite snapshot store (mache-graph's {@code graph.store} and {@code graph.index}). */
final class SqliteStore implements GraphStore {
    @Override
    public Graph open(Path db) {
        throw new CliException("this build has no SQLite store yet");
    }

    @Override
    public Path defaultDbFor(Path source) {
        throw new CliException("this build has no SQLite store yet");
    }

    @Override
    public Report index(Path source, Path db, Long maxFileBytes, Integer threads, Progress progress) {
        throw new CliException("this build has no SQLite store yet");
    }
}
