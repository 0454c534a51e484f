package dev.mache.ipc.contract;

import dev.mache.graph.Graph;
import dev.mache.graph.GraphContractTest;
import dev.mache.ipc.client.DaemonGraph;

import java.nio.file.Path;

/** The Graph contract, exactly as against the SQLite store, through mache's daemon with the Cap'n Proto codec. */
class DaemonGraphCapnpContractTest extends GraphContractTest {
    @Override
    protected Graph graphOver(Path indexedDb) throws Exception {
        return new DaemonBackedGraph(indexedDb, DaemonGraph.Codec.CAPNP);
    }
}
