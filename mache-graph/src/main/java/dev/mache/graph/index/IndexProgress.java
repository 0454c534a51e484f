package dev.mache.graph.index;

/** Progress callback, called from the writer thread. */
public interface IndexProgress {
    void update(long done, long total, String currentPath);

    IndexProgress NONE = (done, total, currentPath) -> { };
}
