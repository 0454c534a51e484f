package dev.mache.graph;

import dev.mache.graph.store.SqliteGraph;

import java.nio.file.Path;

/** The Graph contract against the embedded SQLite store. */
class SqliteGraphContractTest extends GraphContractTest {
    @Override
    protected Graph graphOver(Path indexedDb) {
        return SqliteGraph.open(indexedDb);
    }
}
