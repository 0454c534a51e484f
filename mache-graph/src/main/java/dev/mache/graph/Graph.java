package dev.mache.graph;

/**
 * A source of snapshots: the one seam between the filesystem servers and wherever the graph lives (the SQLite
 * store in-process, or a daemon behind a Unix socket). Hot swap is simply {@link #open()} returning the newest
 * snapshot; every protocol request opens one, runs all its lookups against it, and closes it.
 */
public interface Graph extends AutoCloseable {

    /** The newest consistent snapshot. The caller closes it at the end of its request. */
    Snapshot open();

    /** A short description for logs and README.txt, e.g. the store path or the daemon socket. */
    String describe();

    /**
     * Whether snapshots are read in this process, each read bounded by local work (the SQLite store), rather than
     * over a socket whose peer may stall (a daemon). Servers answer small requests on their I/O threads only then:
     * one stalled read there would hold up every connection that thread serves.
     */
    default boolean inProcess() {
        return true;
    }

    @Override
    void close();
}
