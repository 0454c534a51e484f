package dev.mache.graph.index;

import java.nio.file.Path;

/**
 * What to index and where to store it.
 *
 * @param source       the source tree's root
 * @param db           the store file
 * @param maxFileBytes files larger than this are skipped (default 8 MiB)
 * @param threads      parser threads (default: the number of cores)
 */
public record IndexOptions(Path source, Path db, long maxFileBytes, int threads) {
    public static final long DEFAULT_MAX_FILE_BYTES = 8L * 1024 * 1024;

    public IndexOptions {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
    }

    public static IndexOptions defaults(Path source, Path db) {
        return new IndexOptions(source, db, DEFAULT_MAX_FILE_BYTES, Runtime.getRuntime().availableProcessors());
    }
}
