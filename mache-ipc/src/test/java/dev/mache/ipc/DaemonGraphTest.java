package dev.mache.ipc;

import dev.mache.graph.Names;
import dev.mache.graph.Node;
import dev.mache.graph.Snapshot;
import dev.mache.ipc.client.DaemonGraph;
import dev.mache.ipc.server.DaemonServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client Graph over mache's daemon answers exactly what the served Graph answers, with either codec. */
class DaemonGraphTest {
    @TempDir
    Path dir;
    DaemonServer server;
    DaemonGraph client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private MemoryGraph start(DaemonGraph.Codec codec) throws Exception {
        MemoryGraph graph = new MemoryGraph(MemoryGraph.sample());
        server = DaemonServer.start(graph, dir.resolve("d.sock"), DaemonServer.Options.defaults());
        client = DaemonGraph.connect(server.socket(), codec);
        return graph;
    }

    @ParameterizedTest
    @EnumSource(value = DaemonGraph.Codec.class, names = {"JSON", "CAPNP"})
    void everySnapshotOperationMatchesTheServedGraph(DaemonGraph.Codec codec) throws Exception {
        MemoryGraph graph = start(codec);
        assertEquals(codec == DaemonGraph.Codec.CAPNP, client.binary());
        try (Snapshot want = graph.open(); Snapshot got = client.open()) {
            assertEquals(want.root(), got.root());
            assertEquals(3, got.generation());
            assertEquals(want.committedAtNanos(), got.committedAtNanos());
            for (String id : List.of("", "go", "go/pkg", "go/pkg/functions", "go/pkg/functions/Main",
                    "go/pkg/functions/Main/source", "go/pkg/README", "nope")) {
                assertEquals(want.node(id), got.node(id), id);
                assertEquals(want.children(id), got.children(id), id);
            }
            assertEquals(List.of("README", "bin", "functions"), got.children("go/pkg").stream().map(Node::name).toList());
            assertTrue(got.node("go/pkg/functions/Main").orElseThrow().construct());
            assertEquals(want.childrenAfter("go/pkg", "README", 1), got.childrenAfter("go/pkg", "README", 1));
            assertEquals(List.of("bin"), got.childrenAfter("go/pkg", "README", 1).stream().map(Node::name).toList());
            assertEquals(want.childrenAfter("go/pkg", null, 10), got.childrenAfter("go/pkg", null, 10));
            assertArrayEquals("héllo wörld".getBytes(StandardCharsets.UTF_8), got.read("go/pkg/README", 0, 100));
            assertArrayEquals("llo".getBytes(StandardCharsets.UTF_8), got.read("go/pkg/README", 3, 3));
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10}, got.read("go/pkg/bin", 0, 6));
            assertArrayEquals(new byte[] {(byte) 0xfe}, got.read("go/pkg/bin", 4, 1));
            assertArrayEquals(new byte[0], got.read("go/pkg/bin", 60, 1));
            assertArrayEquals(new byte[0], got.read("nope", 0, 10));
            for (String token : List.of("Validate", "Main", "nope")) {
                assertEquals(want.defs(token), got.defs(token));
                assertEquals(want.refs(token), got.refs(token));
            }
            for (String c : List.of("go/pkg/functions/Main", "go/pkg/functions/Validate")) {
                assertEquals(want.callees(c), got.callees(c));
                assertEquals(want.callers(c), got.callers(c));
            }
            assertEquals(List.of(new dev.mache.graph.Ref("go/pkg/functions/Main", "pkg/main.go")),
                    got.callers("go/pkg/functions/Validate"));
            assertEquals(List.of(), got.callers("go/pkg/functions/Main"));
            assertEquals(List.of("Main", "Validate"), got.defTokens(null, 10));
            assertEquals(List.of("Validate"), got.defTokens("Main", 10));
            assertEquals(List.of("Main"), got.refTokens(null, 1));
            assertEquals(Optional.of("go/pkg/README"), got.unhash(Names.hash128("go/pkg/README")));
            assertEquals(Optional.empty(), got.unhash(Names.hash128("nope")));
            assertEquals(want.stats(), got.stats());
        }
    }

    @ParameterizedTest
    @EnumSource(value = DaemonGraph.Codec.class, names = {"JSON", "CAPNP"})
    void everyCallSeesTheNewestGraph(DaemonGraph.Codec codec) throws Exception {
        MemoryGraph graph = start(codec);
        try (Snapshot s = client.open()) {
            assertTrue(s.node("go/pkg/README").isPresent());
        }
        graph.replace(MemoryGraph.sample().file("go/pkg/NEW", "new").generation(4));
        try (Snapshot s = client.open()) {
            assertEquals(4, s.generation());
            assertEquals("new", new String(s.read("go/pkg/NEW", 0, 10), StandardCharsets.UTF_8));
        }
    }

    @Test
    void autoPicksCapnpAgainstMachesDaemon() throws Exception {
        start(DaemonGraph.Codec.AUTO);
        assertTrue(client.binary());
        try (Snapshot s = client.open()) {
            assertEquals(3, s.children("go/pkg").size());
        }
    }

    @ParameterizedTest
    @EnumSource(value = DaemonGraph.Codec.class, names = {"JSON", "CAPNP"})
    void reconnectsAfterADaemonRestart(DaemonGraph.Codec codec) throws Exception {
        MemoryGraph graph = start(codec);
        Path socket = server.socket();
        try (Snapshot s = client.open()) {
            assertEquals(3, s.children("go/pkg").size());
        }
        server.close();
        DaemonException down = assertThrows(DaemonException.class, client::open);
        assertTrue(down.getMessage().contains(socket.toString()), down.getMessage());
        server = DaemonServer.start(graph, socket, DaemonServer.Options.defaults());
        try (Snapshot s = client.open()) {
            assertEquals(3, s.children("go/pkg").size());
        }
    }

    @Test
    void connectingWhereNoDaemonListensIsAClearError() {
        DaemonException e = assertThrows(DaemonException.class, () -> DaemonGraph.connect(dir.resolve("none.sock")));
        assertTrue(e.getMessage().startsWith("no daemon answers at "), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    @ParameterizedTest
    @EnumSource(value = DaemonGraph.Codec.class, names = {"JSON", "CAPNP"})
    void manyThreadsShareOneClient(DaemonGraph.Codec codec) throws Exception {
        start(codec);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Queue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < 12; t++) {
            boolean virtual = t % 2 == 0;
            Runnable work = () -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        try (Snapshot s = client.open()) {
                            assertEquals(3, s.children("go/pkg").size());
                            assertEquals("func Main() { Validate() }\n",
                                    new String(s.read("go/pkg/functions/Main/source", 0, 100), StandardCharsets.UTF_8));
                            ok.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            };
            threads.add(virtual ? Thread.ofVirtual().start(work) : Thread.ofPlatform().start(work));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(1200, ok.get());
    }

    @ParameterizedTest
    @EnumSource(value = DaemonGraph.Codec.class, names = {"JSON", "CAPNP"})
    void aSnapshotSeesOneVersionWhileTheGraphMovesOn(DaemonGraph.Codec codec) throws Exception {
        MemoryGraph graph = start(codec);
        try (Snapshot before = client.open()) {
            graph.replace(MemoryGraph.sample().file("go/pkg/README", "changed").file("go/pkg/NEW", "n").generation(4));
            assertEquals(3, before.generation());
            assertEquals(List.of("README", "bin", "functions"),
                    before.children("go/pkg").stream().map(Node::name).toList());
            assertEquals(13, before.node("go/pkg/README").orElseThrow().size());
            assertArrayEquals("héllo wörld".getBytes(StandardCharsets.UTF_8), before.read("go/pkg/README", 0, 100));
            try (Snapshot after = client.open()) {
                assertEquals(4, after.generation());
                assertEquals(List.of("NEW", "README", "bin", "functions"),
                        after.children("go/pkg").stream().map(Node::name).toList());
                assertArrayEquals("changed".getBytes(StandardCharsets.UTF_8), after.read("go/pkg/README", 0, 100));
            }
            assertEquals(Optional.empty(), before.node("go/pkg/NEW"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DaemonGraph.Codec.class, names = {"JSON", "CAPNP"})
    void anOpenSnapshotSurvivesADaemonRestart(DaemonGraph.Codec codec) throws Exception {
        MemoryGraph graph = start(codec);
        Path socket = server.socket();
        try (Snapshot s = client.open()) {
            assertEquals(3, s.children("go/pkg").size());
            server.close();
            server = DaemonServer.start(graph, socket, DaemonServer.Options.defaults());
            // the same ids still resolve: the snapshot re-pins on a fresh connection
            assertEquals(3, s.children("go/pkg").size());
            assertArrayEquals("llo".getBytes(StandardCharsets.UTF_8), s.read("go/pkg/README", 3, 3));
        }
        try (Snapshot s = client.open()) {
            assertTrue(s.node("go/pkg/functions/Main").isPresent());
        }
    }
}
