package dev.mache.ipc;

import dev.mache.ipc.server.DaemonServer;
import dev.mache.ipc.server.Reparser;
import dev.mache.ipc.server.TopicPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventsTest {
    @TempDir
    Path dir;
    DaemonServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void topicPatterns() {
        assertTrue(new TopicPattern("daemon.*").matches("daemon.snapshot"));
        assertFalse(new TopicPattern("daemon.*").matches("daemon.reparse.complete"));
        assertFalse(new TopicPattern("daemon.*").matches("daemon"));
        assertTrue(new TopicPattern("daemon.**").matches("daemon.reparse.complete"));
        assertTrue(new TopicPattern("daemon.**").matches("daemon"));
        assertTrue(new TopicPattern("**").matches("a.b.c"));
        assertTrue(new TopicPattern("*.reparse.*").matches("daemon.reparse.complete"));
        assertTrue(new TopicPattern("a.**.d").matches("a.b.c.d"));
        assertTrue(new TopicPattern("a.**.d").matches("a.d"));
        assertFalse(new TopicPattern("a.**.d").matches("a.b.c"));
        assertFalse(new TopicPattern("daemon.snapshot").matches("daemon.snapshots"));
    }

    @Test
    void subscribeEmitReplayAndKeepalive() throws Exception {
        MemoryGraph graph = new MemoryGraph(MemoryGraph.sample());
        server = DaemonServer.start(graph, dir.resolve("d.sock"), DaemonServer.Options.defaults()
                .withKeepaliveInterval(Duration.ofMillis(300)).withSnapshotPollInterval(Duration.ofMillis(20)));
        try (RawClient sub = new RawClient(server.socket()); RawClient ops = new RawClient(server.socket())) {
            assertEquals("{\"ok\":true,\"subscribed\":[\"test.*\"],\"head_seq\":\"0\"}",
                    sub.call("{\"op\":\"subscribe\",\"topics\":[\"test.*\"]}"));
            assertEquals("{\"ok\":true,\"seq\":\"1\"}",
                    ops.call("{\"op\":\"emit\",\"topic\":\"test.one\",\"source\":\"me\",\"data\":{\"n\":1,\"s\":\"x\"}}"));
            assertEquals("{\"ok\":true,\"seq\":\"2\"}", ops.call("{\"op\":\"emit\",\"topic\":\"other.one\"}"));
            assertEquals("{\"ok\":true,\"seq\":\"3\"}", ops.call("{\"op\":\"emit\",\"topic\":\"test.two\"}"));
            assertEquals("{\"event\":true,\"seq\":\"1\",\"topic\":\"test.one\",\"source\":\"me\",\"data\":{\"n\":1,\"s\":\"x\"}}",
                    skipKeepalives(sub));
            assertEquals("{\"event\":true,\"seq\":\"3\",\"topic\":\"test.two\",\"source\":\"\",\"data\":{}}", skipKeepalives(sub));
            // a subscribed connection still answers requests, interleaved with what is pushed
            sub.send("{\"op\":\"flush\"}");
            String next = skipKeepalives(sub);
            assertTrue(next.startsWith("{\"ok\":true,\"current_root\":\""), next);
            String keepalive = sub.readLine(); // nothing else is pending: the next line is a keepalive
            assertTrue(keepalive.matches("\\{\"type\":\"keepalive\",\"ts\":\\d+}"), keepalive);

            try (RawClient late = new RawClient(server.socket())) {
                late.send("{\"op\":\"subscribe\",\"topics\":[\"**\"],\"since\":1}");
                assertEquals("{\"ok\":true,\"subscribed\":[\"**\"],\"head_seq\":\"3\",\"replay_count\":2}",
                        late.readLine());
                assertEquals("{\"event\":true,\"seq\":\"2\",\"topic\":\"other.one\",\"source\":\"\",\"data\":{}}", skipKeepalives(late));
                assertEquals("{\"event\":true,\"seq\":\"3\",\"topic\":\"test.two\",\"source\":\"\",\"data\":{}}", skipKeepalives(late));
                // a new snapshot is announced
                graph.replace(MemoryGraph.sample().file("go/x", "x").generation(9));
                String event = skipKeepalives(late);
                assertTrue(event.startsWith("{\"event\":true,\"seq\":\"4\",\"topic\":\"daemon.snapshot\",\"source\":\"mache\","
                        + "\"data\":{"), event);
                assertTrue(event.contains("\"generation\":\"9\""), event);
                assertEquals("{\"ok\":true,\"unsubscribed\":[\"**\"]}", nextResponse(late, "{\"op\":\"unsubscribe\",\"topics\":[]}"));
            }
        }
    }

    private static String skipKeepalives(RawClient c) throws Exception {
        String line = c.readLine();
        while (line != null && line.startsWith("{\"type\":\"keepalive\"")) {
            line = c.readLine();
        }
        return line;
    }

    private static String nextResponse(RawClient c, String request) throws Exception {
        String line = c.call(request);
        while (line.startsWith("{\"type\":\"keepalive\"") || line.startsWith("{\"event\":true")) {
            line = c.readLine();
        }
        return line;
    }

    @Test
    void reparseDelegatesAndAnnounces() throws Exception {
        MemoryGraph graph = new MemoryGraph(MemoryGraph.sample());
        Reparser reparser = (source, files) -> new Reparser.Outcome(2, 5, 1, 0, List.of("a.go", "b.go"));
        server = DaemonServer.start(graph, dir.resolve("d.sock"), DaemonServer.Options.defaults()
                .withReparser(reparser).withSnapshotPollInterval(Duration.ZERO));
        try (RawClient sub = new RawClient(server.socket()); RawClient ops = new RawClient(server.socket())) {
            sub.call("{\"op\":\"subscribe\",\"topics\":[\"daemon.**\"]}");
            String r = ops.call("{\"op\":\"reparse\",\"files\":[\"a.go\"]}");
            assertTrue(r.matches("\\{\"ok\":true,\"generation\":\"3\",\"current_root\":\"[0-9a-f]{64}\",\"parsed\":\"2\","
                    + "\"unchanged\":\"5\",\"deleted\":\"1\",\"errors\":\"0\",\"changed_files\":\\[\"a.go\",\"b.go\"]}"), r);
            assertEquals("{\"event\":true,\"seq\":\"1\",\"topic\":\"daemon.reparse.complete\",\"source\":\"mache\","
                    + "\"data\":{\"parsed\":\"2\",\"deleted\":\"1\",\"changed_files\":[\"a.go\",\"b.go\"]}}", sub.readLine());
            assertEquals("{\"event\":true,\"seq\":\"2\",\"topic\":\"daemon.files.changed\",\"source\":\"mache\","
                    + "\"data\":{\"paths\":[\"a.go\",\"b.go\"]}}", sub.readLine());
            String status = ops.call("{\"op\":\"status\"}");
            assertFalse(status.contains("\"last_reparse_at_ms\":\"0\""), status);
            server.publish("daemon.files.changed", "watcher", Map.of("paths", List.of("c.go")));
            assertEquals("{\"event\":true,\"seq\":\"3\",\"topic\":\"daemon.files.changed\",\"source\":\"watcher\","
                    + "\"data\":{\"paths\":[\"c.go\"]}}", sub.readLine());
        }
    }

    @Test
    void aClientSubscriptionReceivesSnapshotsAsTheyAreAnnounced() throws Exception {
        MemoryGraph graph = new MemoryGraph(MemoryGraph.sample());
        server = DaemonServer.start(graph, dir.resolve("d.sock"), DaemonServer.Options.defaults()
                .withSnapshotPollInterval(Duration.ofMillis(20)));
        java.util.concurrent.BlockingQueue<dev.mache.ipc.Response.Event> events =
                new java.util.concurrent.LinkedBlockingQueue<>();
        try (dev.mache.ipc.client.DaemonEvents sub = dev.mache.ipc.client.DaemonEvents.subscribe(server.socket(),
                List.of("daemon.snapshot"), null, events::add)) {
            assertEquals(List.of("daemon.snapshot"), sub.ack().topics());
            graph.replace(MemoryGraph.sample().generation(7).file("go/new", "n"));
            dev.mache.ipc.Response.Event e = events.poll(20, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("daemon.snapshot", e.topic());
            assertTrue(e.dataJson().contains("\"generation\":\"7\""), e.dataJson());
        }
    }
}
