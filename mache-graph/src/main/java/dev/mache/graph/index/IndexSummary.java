package dev.mache.graph.index;

import java.time.Duration;

/**
 * What one indexing run did.
 *
 * @param files      indexed files in the tree after the run
 * @param parsed     files read and projected in this run
 * @param unchanged  files whose stat (mtime, size) matched the file index and were not read
 * @param deleted    files removed from the store
 * @param skipped    files left out (ignored, binary, too large, unreadable, symlinks out of the tree)
 * @param constructs constructs in the store after the run
 * @param references reference rows in the store after the run
 * @param elapsed    wall time
 */
public record IndexSummary(long files, long parsed, long unchanged, long deleted, long skipped, long constructs,
                           long references, Duration elapsed) {
}
