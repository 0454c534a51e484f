package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.graph.index.IndexSummary;
import dev.mache.graph.index.Indexer;
import dev.mache.graph.store.SqliteGraph;
import dev.mache.graph.store.StoreLocator;

import java.nio.file.Path;

/** The SQLite snapshot store and the indexer of mache-graph. */
public final class SqliteStore implements GraphStore {
    private final BatchPolicy batches;

    public SqliteStore() {
        this(BatchPolicy.DEFAULT);
    }

    SqliteStore(BatchPolicy batches) {
        this.batches = batches;
    }

    @Override
    public Graph open(Path db) {
        return SqliteGraph.open(db);
    }

    @Override
    public Path defaultDbFor(Path source) {
        return StoreLocator.defaultDbFor(source);
    }

    @Override
    public Report index(Path source, Path db, Long maxFileBytes, Integer threads, Progress progress)
            throws Exception {
        IndexSummary s = Indexer.index(FirstIndex.options(source, db, maxFileBytes, threads), progress::update);
        return new Report(s.files(), s.parsed(), s.unchanged(), s.deleted(), s.skipped(), s.constructs(),
                s.references(), s.elapsed());
    }

    @Override
    public Report indexInBatches(Path source, Path db, Long maxFileBytes, Integer threads, Progress progress,
                                 BatchCommitted committed) throws Exception {
        return FirstIndex.run(FirstIndex.options(source, db, maxFileBytes, threads), batches, progress, committed);
    }
}
