package dev.mache.ipc.server;

import java.util.List;
import java.util.Optional;

/** What {@code reparse} delegates to: the indexer, wired by the CLI. */
@FunctionalInterface
public interface Reparser {

    /** Counts of one re-index run. */
    record Outcome(long parsed, long unchanged, long deleted, long errors, List<String> changedFiles) {
    }

    /**
     * Re-indexes {@code source} (empty: the daemon's own source) or only {@code files} when given, and commits; the
     * server then reports the new snapshot and publishes {@code daemon.reparse.complete}.
     */
    Outcome reparse(Optional<String> source, List<String> files) throws Exception;
}
