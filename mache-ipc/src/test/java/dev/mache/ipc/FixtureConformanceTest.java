package dev.mache.ipc;

import dev.mache.graph.Node;
import dev.mache.graph.NodeKind;
import dev.mache.graph.Ref;
import dev.mache.graph.Snapshot;
import dev.mache.ipc.client.DaemonGraph;
import dev.mache.ipc.json.Json;
import dev.mache.ipc.json.JsonCodec;
import dev.mache.ipc.server.DaemonServer;
import dev.mache.ipc.server.SqliteQueryHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** mache against ley-line's published wire fixtures ({@code shared/fixtures/leyline/daemon-protocol.json}). */
class FixtureConformanceTest {
    /** Response keys (at any depth) that are 64-bit on ley-line's schema, so strings on the wire. */
    static final Set<String> INT64_KEYS = Set.of("generation", "arena_size", "last_reparse_at_ms", "size", "seq",
            "head_seq", "last_run_at_ms", "basis", "parsed", "unchanged", "deleted", "errors", "mtime_ns",
            "committed_at_ns");

    @TempDir
    Path dir;
    DaemonServer server;
    final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> fixtures() throws Exception {
        Path file = Fixtures.leyline().resolve("daemon-protocol.json");
        Map<String, Object> all = (Map<String, Object>) Json.parse(Files.readString(file));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!k.startsWith("_")) {
                out.put(k, (Map<String, Object>) v);
            }
        });
        return out;
    }

    /** The fixture's world as a mache graph: file1.rs, src/, some_fn defined in file1.rs#some_fn. */
    static MemoryGraph fixtureGraph() {
        return new MemoryGraph(new MemoryGraph.State()
                .file("file1.rs", "fn main() {}").dir("src", false)
                .def("some_fn", "file1.rs#some_fn", "file1.rs")
                .ref("some_fn", "file1.rs#fn1", "file1.rs")
                .generation(0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOpOfTheFixturesIsAnsweredWithItsRequiredKeys() throws Exception {
        Path db = dir.resolve("store.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE TABLE nodes(id TEXT)");
        }
        server = DaemonServer.start(fixtureGraph(), dir.resolve("d.sock"), DaemonServer.Options.defaults()
                .withQueryHandler(new SqliteQueryHandler(db)));
        Map<String, Map<String, Object>> fixtures = fixtures();
        assertEquals(21, fixtures.size());
        try (RawClient c = new RawClient(server.socket())) {
            for (Map.Entry<String, Map<String, Object>> e : fixtures.entrySet()) {
                String op = e.getKey();
                String line = c.call(Json.toJson(e.getValue().get("request")));
                Map<String, Object> response = (Map<String, Object>) Json.parse(line);
                for (Object key : (List<Object>) e.getValue().get("response_required_keys")) {
                    assertTrue(response.containsKey((String) key), op + " lacks '" + key + "': " + line);
                }
                assertTrue(!response.containsKey("error"), op + " failed: " + line);
                assertInt64AsStrings(op, response);
            }
            // the query fixture answers exactly as ley-line's
            assertEquals("{\"ok\":true,\"columns\":[\"one\"],\"rows\":[{\"one\":\"1\"}]}",
                    c.call("{\"op\":\"query\",\"sql\":\"SELECT 1 as one\"}"));
            String refused = c.call("{\"op\":\"query\",\"sql\":\"DROP TABLE nodes\"}");
            assertTrue(refused.startsWith("{\"error\":\"") && refused.endsWith("\"ok\":false}"), refused);
            assertTrue(refused.contains("readonly"), refused);
        }
    }

    private static void assertInt64AsStrings(String where, Object value) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (INT64_KEYS.contains((String) k) && !(v instanceof Map) && !(v instanceof List)) {
                    assertInstanceOf(String.class, v, where + "." + k + " must be a JSON string");
                }
                assertInt64AsStrings(where + "." + k, v);
            });
        } else if (value instanceof List<?> l) {
            l.forEach(v -> assertInt64AsStrings(where + "[]", v));
        }
    }

    @Test
    void everyFixtureRequestDecodesAndEveryResponseDecodesOnTheClient() throws Exception {
        for (Map.Entry<String, Map<String, Object>> e : fixtures().entrySet()) {
            Request request = JsonCodec.decodeRequest(Json.toJson(e.getValue().get("request")));
            assertEquals(e.getKey(), request.op());
            Response r = JsonCodec.decodeResponse(request, Json.toJson(e.getValue().get("response")));
            switch (e.getKey()) {
                case "status" -> assertEquals(new Response.Status(0, "/tmp/test/arena", 67108864, "ready", "0".repeat(64), 0), r);
                case "flush" -> assertEquals(new Response.Flushed("0".repeat(64)), r);
                case "snapshot" -> assertEquals(new Response.SnapshotInfo(0, "0".repeat(64), null), r);
                case "list_roots" -> assertEquals(new Response.Children(List.of()), r);
                case "list_children" -> assertEquals(new Response.Children(List.of(
                        new WireNode("file1.rs", "", "file1.rs", 0, 100, null, null, null),
                        new WireNode("src", "", "src", 1, 0, null, null, null))), r);
                case "get_node" -> assertEquals(new Response.NodeFound(
                        new WireNode("file1.rs", "", "file1.rs", 0, 100, "fn main() {}", null, null)), r);
                case "read_content" -> assertArrayEquals("fn main() {}".getBytes(StandardCharsets.UTF_8),
                        ((Response.Content) r).bytes());
                case "find_callers" -> assertEquals(new Response.Refs(Response.RefKind.CALLERS,
                        List.of(new Ref("file1.rs#fn1", "file1.rs"))), r);
                case "find_defs" -> assertEquals(new Response.Refs(Response.RefKind.DEFS,
                        List.of(new Ref("file1.rs#fn1", "file1.rs"))), r);
                case "find_callees" -> assertEquals(new Response.Refs(Response.RefKind.CALLEES,
                        List.of(new Ref("file2.rs#fn_callee", "file2.rs"))), r);
                case "get_refs_map" -> assertEquals(new Response.TokenMap(List.of(
                        new Response.TokenEntry("some_fn", List.of("file1.rs#caller")),
                        new Response.TokenEntry("another_fn", List.of("file1.rs#caller2", "file2.rs#caller3")))), r);
                case "get_defs_map" -> assertEquals(new Response.TokenMap(List.of(
                        new Response.TokenEntry("some_fn", List.of("file1.rs#some_fn")))), r);
                case "query" -> assertEquals(new Response.QueryResult(List.of("one"), List.of(List.of("1")), false,
                        null), r);
                default -> {
                    Response.Generic g = assertInstanceOf(Response.Generic.class, r, e.getKey());
                    assertEquals(e.getValue().get("response"), g.body());
                }
            }
        }
    }

    /** A stand-in for the ley-line daemon: answers each op with the fixture's response, whatever the arguments. */
    private Path fakeLeyline(Function<Map<String, Object>, String> override) throws Exception {
        Map<String, Map<String, Object>> fixtures = fixtures();
        Path socket = dir.resolve("leyline.sock");
        AFUNIXServerSocket ss = AFUNIXServerSocket.newInstance();
        ss.bind(AFUNIXSocketAddress.of(socket));
        closeables.add(ss);
        Thread.ofPlatform().daemon().start(() -> {
            while (!ss.isClosed()) {
                try {
                    AFUNIXSocket s = ss.accept();
                    Thread.ofPlatform().daemon().start(() -> {
                        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.UTF_8)); OutputStream out = s.getOutputStream()) {
                            String line;
                            while ((line = in.readLine()) != null) {
                                @SuppressWarnings("unchecked")
                                Map<String, Object> req = (Map<String, Object>) Json.parse(line);
                                String op = (String) req.get("op");
                                String answer = override.apply(req);
                                if (answer == null) {
                                    answer = fixtures.containsKey(op) ? Json.toJson(fixtures.get(op).get("response"))
                                            : "{\"error\":\"unknown op: " + op + "\"}";
                                }
                                out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                                out.flush();
                            }
                        } catch (Exception ignored) {
                            // client went away
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return socket;
    }

    @Test
    void theClientGraphWorksAgainstALeylineDaemon() throws Exception {
        Path socket = fakeLeyline(req -> switch ((String) req.get("op")) {
            // ley-line lists its root row first; the client must drop it. Sizes may come as numbers.
            case "list_children" -> "".equals(req.get("id"))
                    ? "{\"ok\":true,\"children\":[{\"id\":\"\",\"parent_id\":\"\",\"name\":\"\",\"kind\":1,\"size\":\"0\"},"
                    + "{\"id\":\"file1.rs\",\"parent_id\":\"\",\"name\":\"file1.rs\",\"kind\":0,\"size\":12},"
                    + "{\"id\":\"src\",\"parent_id\":\"\",\"name\":\"src\",\"kind\":1,\"size\":\"0\"}]}"
                    : "{\"ok\":true,\"children\":[]}";
            case "get_node", "read_content" -> "file1.rs".equals(req.get("id")) ? null
                    : "{\"error\":\"node '" + req.get("id") + "' not found\",\"ok\":false}";
            default -> null;
        });
        try (DaemonGraph g = DaemonGraph.connect(socket)) {
            closeables.add(g);
            assertTrue(!g.binary(), "AUTO stays on JSON against ley-line");
            try (Snapshot s = g.open()) {
                assertEquals("0".repeat(64), s.root());
                assertEquals(0, s.generation());
                assertEquals(List.of("file1.rs", "src"), s.children("").stream().map(Node::name).toList());
                assertEquals(12, s.children("").getFirst().size());
                Node file = s.node("file1.rs").orElseThrow();
                assertEquals(new Node("file1.rs", "", "file1.rs", NodeKind.FILE, 100, s.committedAtNanos(), false), file);
                assertEquals(Optional.empty(), s.node("nope"));
                assertArrayEquals("main".getBytes(StandardCharsets.UTF_8), s.read("file1.rs", 3, 4));
                assertArrayEquals(new byte[0], s.read("nope", 0, 4));
                assertEquals(List.of("src"), s.childrenAfter("", "file1.rs", 5).stream().map(Node::name).toList());
                assertEquals(List.of(new Ref("file1.rs#fn1", "file1.rs")), s.defs("some_fn"));
                assertEquals(List.of(new Ref("file1.rs#fn1", "file1.rs")), s.refs("some_fn"));
                assertEquals(List.of(new Ref("file2.rs#fn_callee", "file2.rs")), s.callees("file1.rs#fn_caller"));
                // callers of a construct, from the defs map and find_callers of its tokens
                assertEquals(List.of(new Ref("file1.rs#fn1", "file1.rs")), s.callers("file1.rs#some_fn"));
                assertEquals(List.of("some_fn"), s.defTokens(null, 10));
                assertEquals(List.of("another_fn", "some_fn"), s.refTokens(null, 10));
                assertEquals(List.of("some_fn"), s.refTokens("another_fn", 10));
                assertEquals(Optional.empty(), s.unhash(new byte[16]));
                assertEquals("ready", s.stats().phase());
            }
        }
    }

    @Test
    void aDaemonWithAnotherWireFormatIsRefused() throws Exception {
        Path socket = fakeLeyline(req -> "leyline_version".equals(req.get("op"))
                ? "{\"ok\":true,\"binary_version\":\"9.0.0\",\"schema_version\":\"9\",\"wire_format_major\":2,"
                + "\"compat_min\":\"9.0.0\",\"build_date\":\"x\",\"ir_schema_version\":\"9\"}" : null);
        DaemonException e = org.junit.jupiter.api.Assertions.assertThrows(DaemonException.class,
                () -> DaemonGraph.connect(socket));
        assertEquals("daemon at " + socket + " speaks wire format 2; mache speaks 1", e.getMessage());
    }

    @Test
    void machesOwnDaemonAnswersTheVersionHandshake() throws Exception {
        server = DaemonServer.start(fixtureGraph(), dir.resolve("d.sock"), DaemonServer.Options.defaults());
        try (RawClient c = new RawClient(server.socket())) {
            assertEquals("{\"ok\":true,\"binary_version\":\"mache-0.1.0\",\"schema_version\":\"1\",\"wire_format_major\":1,"
                    + "\"compat_min\":\"0.6.0\",\"build_date\":\"2026-11-28\",\"ir_schema_version\":\"1\",\"server\":\"mache\"}",
                    c.call("{\"op\":\"leyline_version\"}"));
        }
    }
}
