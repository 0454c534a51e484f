package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.graph.watch.ChangeBatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * One source tree that {@code mache serve} or {@code mache daemon} serves live: its store, the {@link IndexingGraph}
 * the servers read from the start, the first index (in batches when there is no store yet, so the tree fills in as
 * they commit), then the file watcher.
 */
final class ServedTree implements AutoCloseable {
    private final ServedStore store;
    private final IndexingGraph graph;
    private LiveUpdates watcher;
    /** Whether this process parsed any file yet (the first index did): else a watcher warms the parsers up. */
    private boolean parsedAny;

    private ServedTree(ServedStore store, IndexingGraph graph) {
        this.store = store;
        this.graph = graph;
    }

    /** Locates {@code dir}'s store and serves what it holds (or an empty tree) until {@link #index} is done. */
    static ServedTree open(Cli cli, Path dir, Path db) {
        ServedStore store = ServedStore.locate(cli, dir, db);
        return new ServedTree(store, new IndexingGraph(store.describe(), existingStore(cli, store.db())));
    }

    ServedStore store() {
        return store;
    }

    /** What the servers read: always the newest committed state. */
    Graph graph() {
        return graph;
    }

    /**
     * Indexes the tree: into a new store in batches, each served as it commits; into an existing one incrementally
     * (one transaction). Then the store is served for good.
     */
    GraphStore.Report index(Cli cli, Long maxFileBytes, Integer threads, boolean progressLine) throws Exception {
        GraphStore.Report report;
        if (graph.store() == null) {
            Graph[] opened = new Graph[1];
            report = store.indexInBatches(cli, maxFileBytes, threads, progressLine,
                    (done, total, path) -> graph.progress(done, total),
                    (done, total) -> {
                        if (opened[0] == null) {
                            opened[0] = cli.store().open(store.db());
                        }
                        graph.committed(opened[0], done, total);
                    });
        } else {
            report = store.index(cli, maxFileBytes, threads, progressLine,
                    (done, total, path) -> graph.progress(done, total));
        }
        Graph served = graph.store();
        graph.ready(served != null ? served : cli.store().open(store.db()));
        parsedAny |= report.parsed() > 0;
        return report;
    }

    /** Watches the tree for edits; {@code committed} gets each batch that changed the store. */
    void watch(Cli cli, boolean poll, Long maxFileBytes, Integer threads,
               BiConsumer<ChangeBatch, GraphStore.Report> committed) throws Exception {
        watcher = LiveUpdates.start(cli, store, poll, maxFileBytes, threads, committed);
        if (!parsedAny) { // a start on an up-to-date store: without this the first edit took seconds, not ms
            Warmup.start(store.source(), maxFileBytes != null ? maxFileBytes
                    : dev.mache.graph.index.IndexOptions.DEFAULT_MAX_FILE_BYTES);
        }
    }

    /** The store as an earlier index left it, or null when there is none (or it cannot be opened as it is). */
    private static Graph existingStore(Cli cli, Path db) {
        if (!Files.exists(db)) {
            return null;
        }
        try {
            Graph g = cli.store().open(db);
            g.open().close(); // a store of another schema version fails here; the index rebuilds it
            return g;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        graph.close();
    }
}
