package dev.mache.ipc;

import dev.mache.graph.Graph;
import dev.mache.graph.Snapshot;
import dev.mache.ipc.client.DaemonGraph;
import dev.mache.ipc.server.DaemonServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A measurement, not a test: ops/s and p50/p99 latency of get_node, list_children of a 5,000-entry directory and
 * read_content (4 KiB), in-process (the baseline) against a daemon client over JSON and over Cap'n Proto.
 * Run with {@code bench/ipc.sh}.
 */
public final class IpcMeasurement {
    static final int ENTRIES = 5000;

    /**
     * Args: {@code [rounds]} measures an in-memory graph with a 5,000-entry directory; {@code rounds DB DIR NODE FILE}
     * measures a SQLite store built by mache's indexer (opened reflectively, so this compiles without the store
     * module): listing DIR, stat-ing NODE, reading 4 KiB of FILE.
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Graph graph;
        String dirId;
        String nodeId;
        String fileId;
        if (args.length >= 5) {
            graph = (Graph) Class.forName("dev.mache.graph.store.SqliteGraph").getMethod("open", Path.class)
                    .invoke(null, Path.of(args[1]));
            dirId = args[2];
            nodeId = args[3];
            fileId = args[4];
        } else {
            MemoryGraph.State state = new MemoryGraph.State().dir("big", false);
            for (int i = 0; i < ENTRIES; i++) {
                state.file(String.format("big/entry-%05d.txt", i), "x".repeat(i % 100));
            }
            state.file("blob", "y".repeat(4096));
            graph = new MemoryGraph(state);
            dirId = "big";
            nodeId = "big/entry-00042.txt";
            fileId = "blob";
        }
        int entries;
        try (Snapshot s = graph.open()) {
            entries = s.children(dirId).size();
        }
        Path dir = Files.createTempDirectory("mache-ipc-bench");
        try (graph; DaemonServer server = DaemonServer.start(graph, dir.resolve("d.sock"), DaemonServer.Options.defaults());
             DaemonGraph json = DaemonGraph.connect(server.socket(), DaemonGraph.Codec.JSON);
             DaemonGraph capnp = DaemonGraph.connect(server.socket(), DaemonGraph.Codec.CAPNP)) {
            System.out.printf("graph: %s; listing %s (%d entries)%n", graph.describe(), dirId, entries);
            System.out.printf("%-14s %-12s %10s %10s %10s%n", "op", "graph", "ops/s", "p50 µs", "p99 µs");
            for (int r = 0; r < rounds; r++) {
                for (Object[] g : new Object[][] {{"in-process", graph}, {"json", json}, {"capnp", capnp}}) {
                    Graph gr = (Graph) g[1];
                    try (Snapshot s = gr.open()) {
                        measure("get_node", (String) g[0], 5000, s, x -> x.node(nodeId).orElseThrow());
                        measure("list_children", (String) g[0], 200, s, x -> {
                            if (x.children(dirId).size() != entries) {
                                throw new AssertionError();
                            }
                        });
                        measure("read_content", (String) g[0], 3000, s, x -> x.read(fileId, 0, 4096));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(dir.resolve("d.sock"));
            Files.deleteIfExists(dir);
        }
    }

    static void measure(String op, String graph, int n, Snapshot s, Consumer<Snapshot> call) {
        for (int i = 0; i < n / 4 + 10; i++) {
            call.accept(s); // warm-up
        }
        long[] t = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call.accept(s);
            t[i] = System.nanoTime() - t0;
        }
        long total = System.nanoTime() - start;
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%-14s %-12s %10.0f %10.1f %10.1f%n", op, graph, n / (total / 1e9),
                t[n / 2] / 1e3, t[(int) (n * 0.99)] / 1e3);
    }
}
