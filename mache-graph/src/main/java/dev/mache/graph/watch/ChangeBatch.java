package dev.mache.graph.watch;

import java.util.Set;

/**
 * Changes seen during one quiet period.
 *
 * @param paths  repository paths (slash-separated, relative to the watched root) of the files and directories that
 *               changed, in no particular order
 * @param rescan true when events were lost (the kernel queue overflowed) or a batch may hide more than it lists:
 *               the caller must look at the whole tree, not just {@code paths}
 */
public record ChangeBatch(Set<String> paths, boolean rescan) {
    public ChangeBatch {
        paths = Set.copyOf(paths);
    }
}
