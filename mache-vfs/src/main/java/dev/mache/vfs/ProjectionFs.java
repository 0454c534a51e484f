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
    private final StateCache stateCache = new StateCache();

    public ProjectionFs(Graph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
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

    public Graph graph() {
        return graph;
    }

    @Override
    public void close() {
        // the graph belongs to whoever opened it
    }
}
