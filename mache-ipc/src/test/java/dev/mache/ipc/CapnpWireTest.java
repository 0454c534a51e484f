package dev.mache.ipc;

import dev.mache.schemas.Capnp;
import dev.mache.graph.Ref;
import dev.mache.graph.Stats;
import dev.mache.ipc.capnp.CapnpCodec;
import dev.mache.ipc.capnp.Frames;
import dev.mache.ipc.json.Json;
import dev.mache.ipc.json.JsonCodec;
import dev.mache.schemas.Daemon;
import org.capnproto.MessageReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The binary codec against Debian's {@code capnp} tool: capnp decodes what mache writes, mache decodes what capnp
 * writes; and both codecs round-trip every message mache sends.
 */
class CapnpWireTest {

    static MessageReader read(byte[] framed) throws Exception {
        return Frames.read(new ByteArrayInputStream(framed), 1 << 30);
    }

    static Object capnpJson(byte[] message, String schema, String type) throws Exception {
        byte[] json = Capnp.run(Capnp.SCHEMA_DIR, message, "convert", "binary:json", schema, type);
        return Json.parse(new String(json, StandardCharsets.UTF_8));
    }

    static byte[] capnpEncode(String text, String schema, String type) throws Exception {
        return Capnp.run(Capnp.SCHEMA_DIR, text.getBytes(StandardCharsets.UTF_8), "convert", "text:binary", schema, type);
    }

    @Test
    void capnpDecodesWhatMacheWrites() throws Exception {
        byte[] children = CapnpCodec.encodeResponse(new Response.Children(List.of(
                new WireNode("go/pkg", "go", "pkg", 1, 0, null, 17L, false),
                new WireNode("go/a.txt", "go", "a.txt", 0, 5, null, 18L, true))));
        assertEquals(0, children[0], "single segment");
        assertEquals(Json.parse("{\"ok\":true,\"nodes\":[{\"id\":\"go/pkg\",\"parentId\":\"go\",\"name\":\"pkg\",\"kind\":1,"
                + "\"size\":\"0\",\"mtimeNanos\":\"17\",\"construct\":false},{\"id\":\"go/a.txt\",\"parentId\":\"go\","
                + "\"name\":\"a.txt\",\"kind\":0,\"size\":\"5\",\"mtimeNanos\":\"18\",\"construct\":true}]}"),
                capnpJson(children, "mache.capnp", "NodesResponse"));

        byte[] defs = CapnpCodec.encodeResponse(new Response.Refs(Response.RefKind.DEFS,
                List.of(new Ref("pkg/auth.go/Validate", "pkg/auth.go"))));
        assertEquals(Json.parse("{\"ok\":true,\"defs\":[{\"nodeId\":\"pkg/auth.go/Validate\",\"sourceId\":\"pkg/auth.go\"}]}"),
                capnpJson(defs, "daemon.capnp", "FindDefsResponse"));

        byte[] error = CapnpCodec.encodeResponse(new Response.Failure("node 'x' not found", true));
        assertEquals(Json.parse("{\"error\":\"node 'x' not found\",\"ok\":false}"),
                capnpJson(error, "daemon.capnp", "ErrorResponse"));

        byte[] status = CapnpCodec.encodeResponse(new Response.Status(7, "/a/b.db", 4096, "ready", "ab", 0));
        assertEquals(Json.parse("{\"ok\":true,\"generation\":\"7\",\"arenaPath\":\"/a/b.db\",\"arenaSize\":\"4096\","
                + "\"phase\":\"ready\",\"currentRoot\":\"ab\"}"), capnpJson(status, "daemon.capnp", "StatusResponse"));

        byte[] request = CapnpCodec.encodeRequest(new Request.ReadContent("go/a.txt", 2, 3));
        Map<?, ?> r = (Map<?, ?>) capnpJson(request, "mache.capnp", "Request");
        assertEquals("read_content", r.get("op"));
        assertEquals("go/a.txt", r.get("id"));
        assertEquals(true, r.get("hasRange"));
        assertEquals("2", r.get("offset"));
        assertEquals(3L, r.get("length"));
    }

    @Test
    void macheDecodesWhatCapnpWrites() throws Exception {
        byte[] callers = capnpEncode("(ok = true, callers = [(nodeId = \"a/b\", sourceId = \"a.go\"), (nodeId = \"c\")])",
                "daemon.capnp", "FindCallersResponse");
        assertEquals(new Response.Refs(Response.RefKind.CALLERS, List.of(new Ref("a/b", "a.go"), new Ref("c", ""))),
                CapnpCodec.decodeResponse(new Request.FindCallers("t"), read(callers)));

        byte[] error = capnpEncode("(error = \"node 'q' not found\", ok = false)", "daemon.capnp", "ErrorResponse");
        assertEquals(new Response.Failure("node 'q' not found", true),
                CapnpCodec.decodeResponse(new Request.GetNode("q", false), read(error)));

        byte[] nodes = capnpEncode("(ok = true, nodes = [(id = \"x\", parentId = \"\", name = \"x\", kind = 0, size = 3, "
                + "mtimeNanos = 99, construct = true)])", "mache.capnp", "NodesResponse");
        assertEquals(new Response.Children(List.of(new WireNode("x", "", "x", 0, 3, null, 99L, true))),
                CapnpCodec.decodeResponse(new Request.ListChildren(""), read(nodes)));

        byte[] request = capnpEncode("(op = \"list_children_after\", id = \"go\", after = \"m\", limit = 5)",
                "mache.capnp", "Request");
        assertEquals(new Request.ListChildrenAfter("go", "m", 5), CapnpCodec.decodeRequest(read(request)));

        // ley-line's own listing struct, read with the generated classes
        byte[] leyline = capnpEncode("(ok = true, children = [(id = \"src\", parentId = \"\", name = \"src\", kind = 1, size = 0)])",
                "daemon.capnp", "ListChildrenResponse");
        Daemon.ListChildrenResponse.Reader lc = read(leyline).getRoot(Daemon.ListChildrenResponse.factory);
        assertEquals(1, lc.getChildren().size());
        assertEquals("src", lc.getChildren().get(0).getName().toString());
        assertEquals(1, lc.getChildren().get(0).getKind());
        assertFalse(lc.getChildren().get(0).hasRecord());
    }

    static final List<Request> REQUESTS = List.of(new Request.Version(), new Request.Status(), new Request.Flush(),
            new Request.SnapshotInfo(), new Request.ListRoots(), new Request.ListChildren("a/b"),
            new Request.GetNode("a", true), new Request.GetNode("a", false), new Request.ReadContent("a", 0, -1),
            new Request.ReadContent("a", 10, 20), new Request.FindDefs("T"), new Request.FindCallers("T"),
            new Request.FindCallees("a"), new Request.GetRefsMap(), new Request.GetDefsMap(),
            new Request.Query("SELECT 1", 10), new Request.Reparse("/src", List.of("a.go")),
            new Request.Emit("t.x", "me", "{\"a\":1}"), new Request.ListChildrenAfter("a", "m", 7),
            new Request.ListChildrenAfter("a", null, 7), new Request.Callers("a"), new Request.DefTokens("x", 3), new Request.DefTokens(null, 0), new Request.ListChildrenAfter("a", null, 0),
            new Request.RefTokens(null, 3), new Request.GetStats(), new Request.Begin(), new Request.End());

    @Test
    void everyRequestRoundTripsThroughBothCodecs() throws Exception {
        for (Request q : REQUESTS) {
            assertEquals(q, JsonCodec.decodeRequest(JsonCodec.encodeRequest(q)), "json " + q);
            assertEquals(q, CapnpCodec.decodeRequest(read(CapnpCodec.encodeRequest(q))), "capnp " + q);
        }
        Request.Unhash u = new Request.Unhash(HexFormat.of().parseHex("00ff10"));
        assertArrayEquals(u.hash(), ((Request.Unhash) JsonCodec.decodeRequest(JsonCodec.encodeRequest(u))).hash());
        assertArrayEquals(u.hash(), ((Request.Unhash) CapnpCodec.decodeRequest(read(CapnpCodec.encodeRequest(u)))).hash());
        Request.Subscribe s = new Request.Subscribe(List.of("a.*"), 5L, "me");
        assertEquals(s, JsonCodec.decodeRequest(JsonCodec.encodeRequest(s)));
    }

    @Test
    void everyResponseRoundTripsThroughBothCodecs() throws Exception {
        WireNode n = new WireNode("a/b", "a", "b", 0, 5, null, 123L, false);
        List<Map.Entry<Request, Response>> cases = List.of(
                Map.entry(new Request.Version(), new Response.Version("v", "1", 1, "0.6.0", "d", "1", "mache")),
                Map.entry(new Request.Flush(), new Response.Flushed("ab")),
                Map.entry(new Request.SnapshotInfo(), new Response.SnapshotInfo(4, "ab", 99L)),
                Map.entry(new Request.ListChildren("a"), new Response.Children(List.of(n, n))),
                Map.entry(new Request.ListChildren("a"), new Response.Children(List.of())),
                Map.entry(new Request.GetNode("a/b", true), new Response.NodeFound(
                        new WireNode("a/b", "a", "b", 0, 5, "hello", 123L, true))),
                Map.entry(new Request.FindDefs("t"), new Response.Refs(Response.RefKind.DEFS, List.of(new Ref("a", "b")))),
                Map.entry(new Request.FindCallees("t"), new Response.Refs(Response.RefKind.CALLEES, List.of())),
                Map.entry(new Request.Callers("t"), new Response.Refs(Response.RefKind.CALLERS, List.of(new Ref("a", "b")))),
                Map.entry(new Request.GetDefsMap(), new Response.TokenMap(List.of(
                        new Response.TokenEntry("t", List.of("a", "b"))))),
                Map.entry(new Request.DefTokens(null, 2), new Response.Tokens(List.of("a", "b"))),
                Map.entry(new Request.Unhash(new byte[16]), new Response.Unhashed("a/b")),
                Map.entry(new Request.Unhash(new byte[16]), new Response.Unhashed(null)),
                Map.entry(new Request.GetStats(), new Response.StatsResult(new Stats(1, 2, 3, 4, "ready"))),
                Map.entry(new Request.Query("q", 5), new Response.QueryResult(List.of("a", "b"),
                        List.of(List.of("1", "x")), true, 5)),
                Map.entry(new Request.Reparse(null, List.of()), new Response.ReparseResult(3, "ab", 1, 2, 3, 4,
                        List.of("f"))),
                Map.entry(new Request.Emit("t", null, null), new Response.Emitted(42)),
                Map.entry(new Request.Begin(), new Response.SnapshotInfo(5, "cd", 77L)),
                Map.entry(new Request.End(), new Response.Done()),
                Map.entry(new Request.GetNode("x", false), new Response.Failure("node 'x' not found", true)));
        for (Map.Entry<Request, Response> c : cases) {
            assertEquals(c.getValue(), JsonCodec.decodeResponse(c.getKey(), JsonCodec.encodeResponse(c.getValue())),
                    "json " + c.getValue());
            assertEquals(c.getValue(), CapnpCodec.decodeResponse(c.getKey(), read(CapnpCodec.encodeResponse(c.getValue()))),
                    "capnp " + c.getValue());
        }
        byte[] bytes = {0, (byte) 0xff, 'a', '\n'};
        assertArrayEquals(bytes, ((Response.Content) JsonCodec.decodeResponse(new Request.ReadContent("a", 0, -1),
                JsonCodec.encodeResponse(new Response.Content(bytes)))).bytes());
        assertArrayEquals(bytes, ((Response.Content) CapnpCodec.decodeResponse(new Request.ReadContent("a", 0, -1),
                read(CapnpCodec.encodeResponse(new Response.Content(bytes))))).bytes());
        // a listing too large for the first segment guess is still one segment
        List<WireNode> many = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(new WireNode("dir/name-with-a-rather-long-suffix-" + i, "dir", "name-with-a-rather-long-suffix-" + i,
                    0, i, null, (long) i, false));
        }
        byte[] big = CapnpCodec.encodeResponse(new Response.Children(many));
        assertEquals(0, big[0] | big[1] | big[2] | big[3]);
        assertEquals(new Response.Children(many), CapnpCodec.decodeResponse(new Request.ListChildren("dir"), read(big)));
    }

    @Test
    void jsonReadsSixtyFourBitValuesAsStringsOrNumbers() throws Exception {
        Request q = new Request.ListChildren("");
        Response asString = JsonCodec.decodeResponse(q,
                "{\"ok\":true,\"children\":[{\"id\":\"a\",\"parent_id\":\"\",\"name\":\"a\",\"kind\":0,\"size\":\"18446744073709551615\"}]}");
        Response asNumber = JsonCodec.decodeResponse(q,
                "{\"ok\":true,\"children\":[{\"id\":\"a\",\"parent_id\":\"\",\"name\":\"a\",\"kind\":0,\"size\":18446744073709551615}]}");
        assertEquals(-1L, ((Response.Children) asString).children().getFirst().size());
        assertEquals(asString, asNumber);
    }
}
