package dev.mache.cli;

import dev.mache.graph.ForwardingSnapshot;
import dev.mache.graph.Graph;
import dev.mache.graph.Node;
import dev.mache.graph.NodeKind;
import dev.mache.graph.Ref;
import dev.mache.graph.Snapshot;
import dev.mache.graph.Stats;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The graph {@code mache serve DIR} and {@code mache daemon} serve while the first index runs: the store's current
 * snapshot if it has one, else an empty tree (just the root's README.txt), with the indexing progress in the
 * description that README.txt shows. A first index into a new store commits in batches ({@link #committed}): each
 * one is served as it lands, so the tree fills in. Once the index is done, {@link #ready} swaps in the store for
 * good and every later call reads it.
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

    /** Called by the indexer's progress callback: shown while no batch has committed yet. */
    void progress(long done, long total) {
        if (store.get() == null) {
            progress = done + " of " + total + " files";
        }
    }

    /**
     * A batch of the first index committed into {@code opened} (the store, opened once by the caller at the first
     * batch): serve it from now on, with the progress in the description.
     */
    void committed(Graph opened, long done, long total) {
        Graph before = store.getAndSet(opened);
        if (before != null && before != opened) {
            before.close();
        }
        progress = done + " of " + total + " files committed";
    }

    /** The index is done: serve {@code graph} from now on (closing the one served before, if it differs). */
    void ready(Graph graph) {
        Graph before = store.getAndSet(graph);
        indexing = false;
        if (before != null && before != graph) {
            before.close();
        }
    }

    boolean indexing() {
        return indexing;
    }

    @Override
    public Snapshot open() {
        Graph g = store.get();
        if (g == null) {
            return new EmptySnapshot(progress);
        }
        Snapshot s = g.open();
        return indexing ? new Indexing(s) : s;
    }

    @Override
    public boolean inProcess() {
        Graph g = store.get();
        return g == null || g.inProcess();
    }

    @Override
    public String describe() {
        return indexing ? description + " (indexing: " + progress + "; the tree fills in as batches commit)"
                : description;
    }

    @Override
    public void close() {
        Graph g = store.getAndSet(null);
        if (g != null) {
            g.close();
        }
    }

    /** A committed batch's snapshot while the first index goes on: its phase says so (DAEMON-PROTOCOL.md §3). */
    private static final class Indexing extends ForwardingSnapshot {
        Indexing(Snapshot s) {
            super(s);
        }

        @Override
        public Stats stats() {
            Stats st = delegate().stats();
            return new Stats(st.files(), st.constructs(), st.references(), st.nodes(), "parsing");
        }
    }

    /** No store yet: the root only (README.txt, defs/, callers/, callees/ come from the projection). */
    private record EmptySnapshot(String progress) implements Snapshot {
        @Override
        public String root() { // DAEMON-PROTOCOL.md §3: all zeros before the first publish
            return "0".repeat(64);
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
            return new Stats(0, 0, 0, 1, "initializing");
        }

        @Override
        public void close() {
        }
    }
}
