package dev.mache.ipc;

import dev.mache.graph.Node;
import dev.mache.graph.Snapshot;
import dev.mache.ipc.client.DaemonGraph;
import dev.mache.ipc.server.DaemonServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readers through the daemon while the served graph is swapped 100 times: every snapshot they open is exactly one
 * committed version (listing, sizes and bytes agree with its generation), never a mix.
 */
class HotSwapTest {
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

    static String text(int version) {
        return ("version " + version + "\n").repeat(version + 1);
    }

    static MemoryGraph.State version(int v) {
        MemoryGraph.State s = new MemoryGraph.State().dir("go", false).dir("go/d", false).file("go/f", text(v));
        for (int i = 0; i <= v; i++) {
            s.file("go/d/e" + i, "e" + i);
        }
        return s.generation(v);
    }

    @ParameterizedTest
    @EnumSource(value = DaemonGraph.Codec.class, names = {"JSON", "CAPNP"})
    void readersNeverSeeHalfAnUpdate(DaemonGraph.Codec codec) throws Exception {
        MemoryGraph graph = new MemoryGraph(version(0));
        server = DaemonServer.start(graph, dir.resolve("d.sock"), DaemonServer.Options.defaults());
        client = DaemonGraph.connect(server.socket(), codec);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger snapshots = new AtomicInteger();
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                while (!done.get() && errors.isEmpty()) {
                    try (Snapshot s = client.open()) {
                        int v = (int) s.generation();
                        Node f = s.node("go/f").orElseThrow();
                        String got = new String(s.read("go/f", 0, (int) f.size()), StandardCharsets.UTF_8);
                        List<Node> entries = s.children("go/d");
                        if (!got.equals(text(v)) || f.size() != text(v).length() || entries.size() != v + 1) {
                            errors.add("generation " + v + ": size " + f.size() + ", " + entries.size() + " entries, "
                                    + got.length() + " bytes");
                        }
                        snapshots.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.add(e.toString());
                    }
                }
            }));
        }
        for (int v = 1; v <= 100; v++) {
            graph.replace(version(v));
            int seen = snapshots.get();
            while (snapshots.get() < seen + 2 && errors.isEmpty()) {
                Thread.onSpinWait(); // let readers overlap every version
            }
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(errors));
        assertTrue(snapshots.get() >= 200, "snapshots read: " + snapshots.get());
    }
}
