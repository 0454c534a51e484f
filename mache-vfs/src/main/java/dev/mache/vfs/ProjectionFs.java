package dev.mache.vfs;

import dev.mache.graph.Graph;

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

    public ProjectionFs(Graph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    @Override
    public VfsSnapshot open() {
        return new ProjectionSnapshot(graph.open(), graph.describe(), linkCache);
    }

    public Graph graph() {
        return graph;
    }

    @Override
    public void close() {
        // the graph belongs to whoever opened it
    }
}
