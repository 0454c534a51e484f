package dev.mache.ipc.contract;

import dev.mache.graph.Graph;
import dev.mache.graph.Snapshot;
import dev.mache.graph.store.SqliteGraph;
import dev.mache.ipc.client.DaemonGraph;
import dev.mache.ipc.server.DaemonServer;

import java.nio.file.Files;
import java.nio.file.Path;

/** A DaemonGraph client of a DaemonServer serving a SqliteGraph; closing it stops all three. */
final class DaemonBackedGraph implements Graph {
    private final SqliteGraph store;
    private final DaemonServer server;
    private final DaemonGraph client;
    private final Path dir;

    DaemonBackedGraph(Path db, DaemonGraph.Codec codec) throws Exception {
        store = SqliteGraph.open(db);
        dir = Files.createTempDirectory("mache-contract-sock");
        server = DaemonServer.start(store, dir.resolve("d.sock"), DaemonServer.Options.defaults());
        client = DaemonGraph.connect(server.socket(), codec);
        if (client.binary() != (codec == DaemonGraph.Codec.CAPNP)) {
            throw new IllegalStateException("client did not pick " + codec);
        }
    }

    @Override
    public Snapshot open() {
        return client.open();
    }

    @Override
    public String describe() {
        return client.describe();
    }

    @Override
    public void close() {
        client.close();
        server.close();
        store.close();
        try {
            Files.deleteIfExists(dir);
        } catch (java.io.IOException ignored) {
            // a temp dir
        }
    }
}
