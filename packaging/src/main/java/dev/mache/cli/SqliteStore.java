package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.graph.index.IndexOptions;
import dev.mache.graph.index.IndexSummary;
import dev.mache.graph.index.Indexer;
import dev.mache.graph.store.SqliteGraph;
import dev.mache.graph.store.StoreLocator;

import java.nio.file.Path;

/** The SQLite snapshot store and the indexer of mache-graph. */
public final class SqliteStore implements GraphStore {
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
        IndexOptions defaults = IndexOptions.defaults(source, db);
        IndexOptions options = new IndexOptions(source, db,
                maxFileBytes != null ? maxFileBytes : defaults.maxFileBytes(),
                threads != null ? threads : defaults.threads());
        IndexSummary s = Indexer.index(options, progress::update);
        return new Report(s.files(), s.parsed(), s.unchanged(), s.deleted(), s.skipped(), s.constructs(),
                s.references(), s.elapsed());
    }
}
