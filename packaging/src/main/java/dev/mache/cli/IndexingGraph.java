package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.graph.Names;
import dev.mache.graph.Node;
import dev.mache.graph.NodeKind;
import dev.mache.graph.Ref;
import dev.mache.graph.Snapshot;
import dev.mache.graph.Stats;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The graph {@code mache serve DIR} serves while the first index runs: the store's current snapshot if it has one,
 * else an empty tree (just the root's README.txt), with the indexing progress in the description that README.txt
 * shows. Once the index commits, {@link #ready} swaps in the store and every later call reads it.
 */
final class IndexingGraph implements Graph {
    private final String description;
    private final AtomicReference<Graph> store = new AtomicReference<>();
    private volatile String progress = "starting";
    private volatile boolean indexing = true;

    /** @param existing the store as it is (an earlier index), or null when there is none yet */
    IndexingGraph(String description, Graph existing) {
        this.description = description;
        store.set(existing);
    }

    /** The store being served, or null while there is none. */
    Graph store() {
        return store.get();
    }

    /** Called by the indexer's progress callback. */
    void progress(long done, long total) {
        progress = done + " of " + total + " files";
    }

    /** The index committed: serve {@code graph} from now on (closing the one served before, if it differs). */
    void ready(Graph graph) {
        Graph before = store.getAndSet(graph);
        indexing = false;
        if (before != null && before != graph) {
            before.close();
        }
    }

    @Override
    public Snapshot open() {
        Graph g = store.get();
        return g != null ? g.open() : new EmptySnapshot(progress);
    }

    @Override
    public String describe() {
        return indexing ? description + " (indexing: " + progress + "; the tree fills in when it is done)"
                : description;
    }

    @Override
    public void close() {
        Graph g = store.getAndSet(null);
        if (g != null) {
            g.close();
        }
    }

    /** No store yet: the root only (README.txt, defs/, callers/, callees/ come from the projection). */
    private record EmptySnapshot(String progress) implements Snapshot {
        @Override
        public String root() { // README.txt's bytes change with the progress: so does the snapshot's identity
            return HexFormat.of().formatHex(Names.sha256("mache: not indexed yet: " + progress));
        }

        @Override
        public long generation() {
            return 0;
        }

        @Override
        public long committedAtNanos() {
            return 0;
        }

        @Override
        public Optional<Node> node(String id) {
            return id.isEmpty() ? Optional.of(new Node("", "", "", NodeKind.DIRECTORY, 0, 0, false))
                    : Optional.empty();
        }

        @Override
        public List<Node> children(String id) {
            return List.of();
        }

        @Override
        public List<Node> childrenAfter(String id, String afterName, int limit) {
            return List.of();
        }

        @Override
        public byte[] read(String id, long offset, int length) {
            return new byte[0];
        }

        @Override
        public List<Ref> defs(String token) {
            return List.of();
        }

        @Override
        public List<Ref> refs(String token) {
            return List.of();
        }

        @Override
        public List<Ref> callees(String constructId) {
            return List.of();
        }

        @Override
        public List<Ref> callers(String constructId) {
            return List.of();
        }

        @Override
        public List<String> defTokens(String after, int limit) {
            return List.of();
        }

        @Override
        public List<String> refTokens(String after, int limit) {
            return List.of();
        }

        @Override
        public Optional<String> unhash(byte[] hash) {
            return Optional.empty();
        }

        @Override
        public Stats stats() {
            return new Stats(0, 0, 0, 1, "indexing");
        }

        @Override
        public void close() {
        }
    }
}
