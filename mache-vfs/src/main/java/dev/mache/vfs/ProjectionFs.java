package dev.mache.vfs;

import dev.mache.graph.Graph;
import dev.mache.graph.Snapshot;

import java.util.Objects;

/**
 * The projection of a {@link Graph} as the tree of PROJECTION.md: {@link #open()} takes the graph's newest snapshot
 * and answers everything about that {@link VfsSnapshot} from it. Stateless between snapshots (handles and fileids are
 * derived from paths), so any number of protocol servers can share one instance.
 *
 * <p>It does not own the graph: whoever opened the graph closes it.
 */
public final class ProjectionFs implements VirtualFileSystem {
    private final Graph graph;
    private final LinkCache linkCache = new LinkCache();
    private final StateCache stateCache;

    /** With a state cache of {@code mache.cacheBytes} (a system property) or 64 MiB. */
    public ProjectionFs(Graph graph) {
        this(graph, Long.getLong("mache.cacheBytes", StateCache.DEFAULT_BUDGET_BYTES));
    }

    /**
     * @param cacheBytes the heap the cache of the current graph state may hold (estimated): nodes, listings and the
     *                   bytes protocols remember per state (NFS listing pages); 0 turns it off
     */
    public ProjectionFs(Graph graph, long cacheBytes) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.stateCache = new StateCache(cacheBytes);
    }

    @Override
    public boolean inProcess() {
        return graph.inProcess();
    }

    @Override
    public VfsSnapshot open() {
        Snapshot snapshot = graph.open();
        try {
            return new ProjectionSnapshot(stateCache.wrap(snapshot), graph.describe(), linkCache);
        } catch (RuntimeException e) {
            snapshot.close();
            throw e;
        }
    }

    /** The estimated bytes the cache of the current graph state holds now (at most the budget). */
    public long cacheBytes() {
        return stateCache.usedBytes();
    }

    public Graph graph() {
        return graph;
    }

    @Override
    public void close() {
        // the graph belongs to whoever opened it
    }
}
