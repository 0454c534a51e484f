package dev.mache.ipc.json;

import dev.mache.graph.Ref;
import dev.mache.graph.Stats;
import dev.mache.ipc.ProtocolException;
import dev.mache.ipc.Request;
import dev.mache.ipc.Response;
import dev.mache.ipc.WireNode;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The NDJSON codec of DAEMON-PROTOCOL.md §2: one object per line, snake_case keys, 64-bit integers written as JSON
 * strings and read as string or number, unset fields omitted, set-but-empty ones emitted.
 */
public final class JsonCodec {
    /** ley-line ops mache answers as {@link Request.Raw} (not needed by a filesystem, kept for conformance). */
    public static final Set<String> RAW_OPS = Set.of("get_schema", "get_db_path", "sheaf_set_topology",
            "sheaf_invalidate", "sheaf_defect", "sheaf_stalks", "sheaf_status", "sheaf_learned_weights");

    private JsonCodec() {
    }

    // ======================================================================== requests

    /** Server side: one request line → a request, or the documented error. */
    public static Request decodeRequest(String line) throws ProtocolException {
        Object parsed;
        try {
            parsed = Json.parse(line);
        } catch (Json.JsonException e) {
            throw new ProtocolException("invalid JSON: " + e.getMessage(), false);
        }
        if (!(parsed instanceof Map<?, ?> raw) || !(raw.get("op") instanceof String op)) {
            throw new ProtocolException("missing 'op' field", false);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) raw;
        return switch (op) {
            case "leyline_version" -> new Request.Version();
            case "status" -> new Request.Status();
            case "flush" -> new Request.Flush();
            case "snapshot" -> new Request.SnapshotInfo();
            case "list_roots" -> new Request.ListRoots();
            case "list_children" -> new Request.ListChildren(str(m, "id", ""));
            case "get_node" -> new Request.GetNode(required(m, "id"), !bool(m, "no_record", false));
            case "read_content" -> new Request.ReadContent(required(m, "id"), i64(m, "offset", 0),
                    (int) Math.min(Integer.MAX_VALUE, i64(m, "length", -1)));
            case "find_defs" -> new Request.FindDefs(required(m, "token"));
            case "find_callers" -> new Request.FindCallers(required(m, "token"));
            case "find_callees" -> new Request.FindCallees(required(m, "id"));
            case "get_refs_map" -> new Request.GetRefsMap();
            case "get_defs_map" -> new Request.GetDefsMap();
            case "query" -> new Request.Query(required(m, "sql"), (int) i64(m, "limit", 1000));
            case "reparse" -> new Request.Reparse(str(m, "source", null), strings(m, "files"));
            case "subscribe" -> new Request.Subscribe(strings(m, "topics"),
                    m.containsKey("since") ? i64(m, "since", 0) : null, str(m, "identity", null));
            case "unsubscribe" -> new Request.Unsubscribe(strings(m, "topics"));
            case "emit" -> new Request.Emit(required(m, "topic"), str(m, "source", null),
                    m.get("data") instanceof Map<?, ?> d ? Json.toJson(d) : null);
            case "list_children_after" -> new Request.ListChildrenAfter(str(m, "id", ""), str(m, "after", null),
                    (int) i64(m, "limit", 1000));
            case "callers" -> new Request.Callers(required(m, "id"));
            case "def_tokens" -> new Request.DefTokens(str(m, "after", null), (int) i64(m, "limit", 1000));
            case "ref_tokens" -> new Request.RefTokens(str(m, "after", null), (int) i64(m, "limit", 1000));
            case "unhash" -> {
                try {
                    yield new Request.Unhash(HexFormat.of().parseHex(required(m, "hash")));
                } catch (IllegalArgumentException e) {
                    throw new ProtocolException("invalid 'hash': expected hex", true);
                }
            }
            case "stats" -> new Request.GetStats();
            case "begin" -> new Request.Begin();
            case "end" -> new Request.End();
            default -> {
                if (RAW_OPS.contains(op)) {
                    Map<String, Object> args = new LinkedHashMap<>(m);
                    args.remove("op");
                    yield new Request.Raw(op, args);
                }
                throw new ProtocolException("unknown op: " + op, false);
            }
        };
    }

    /** Client side: a request → its line (without the newline). */
    public static String encodeRequest(Request r) {
        StringBuilder o = new StringBuilder(64).append("{\"op\":");
        Json.quote(o, r.op());
        switch (r) {
            case Request.ListChildren q -> key(o, "id").append(Json.quote(new StringBuilder(), q.id()));
            case Request.GetNode q -> {
                keyStr(o, "id", q.id());
                if (!q.withRecord()) {
                    o.append(",\"no_record\":true");
                }
            }
            case Request.ReadContent q -> {
                keyStr(o, "id", q.id());
                if (q.ranged()) {
                    keyStr(o, "offset", Long.toString(q.offset()));
                    if (q.length() >= 0) {
                        keyStr(o, "length", Long.toString(q.length()));
                    }
                }
            }
            case Request.FindDefs q -> keyStr(o, "token", q.token());
            case Request.FindCallers q -> keyStr(o, "token", q.token());
            case Request.FindCallees q -> keyStr(o, "id", q.id());
            case Request.Query q -> {
                keyStr(o, "sql", q.sql());
                key(o, "limit").append(q.limit());
            }
            case Request.Reparse q -> {
                if (q.source() != null) {
                    keyStr(o, "source", q.source());
                }
                if (!q.files().isEmpty()) {
                    key(o, "files");
                    Json.write(o, q.files());
                }
            }
            case Request.Subscribe q -> {
                key(o, "topics");
                Json.write(o, q.topics());
                if (q.since() != null) {
                    key(o, "since").append(q.since());
                }
                if (q.identity() != null) {
                    keyStr(o, "identity", q.identity());
                }
            }
            case Request.Unsubscribe q -> {
                key(o, "topics");
                Json.write(o, q.topics());
            }
            case Request.Emit q -> {
                keyStr(o, "topic", q.topic());
                if (q.source() != null) {
                    keyStr(o, "source", q.source());
                }
                if (q.dataJson() != null) {
                    key(o, "data").append(q.dataJson());
                }
            }
            case Request.ListChildrenAfter q -> {
                keyStr(o, "id", q.id());
                if (q.after() != null) {
                    keyStr(o, "after", q.after());
                }
                key(o, "limit").append(q.limit());
            }
            case Request.Callers q -> keyStr(o, "id", q.id());
            case Request.DefTokens q -> tokenPage(o, q.after(), q.limit());
            case Request.RefTokens q -> tokenPage(o, q.after(), q.limit());
            case Request.Unhash q -> keyStr(o, "hash", HexFormat.of().formatHex(q.hash()));
            case Request.Raw q -> q.args().forEach((k, v) -> {
                key(o, k);
                Json.write(o, v);
            });
            case Request.Version q -> {
            }
            case Request.Status q -> {
            }
            case Request.Flush q -> {
            }
            case Request.SnapshotInfo q -> {
            }
            case Request.ListRoots q -> {
            }
            case Request.GetRefsMap q -> {
            }
            case Request.GetDefsMap q -> {
            }
            case Request.GetStats q -> {
            }
            case Request.Begin q -> {
            }
            case Request.End q -> {
            }
        }
        return o.append('}').toString();
    }

    private static void tokenPage(StringBuilder o, String after, int limit) {
        if (after != null) {
            keyStr(o, "after", after);
        }
        key(o, "limit").append(limit);
    }

    // ======================================================================== responses

    /** Server side: a response → its line (without the newline). */
    public static String encodeResponse(Response r) {
        StringBuilder o = new StringBuilder(128);
        if (r instanceof Response.Failure f) {
            o.append("{\"error\":");
            Json.quote(o, f.message());
            return o.append(f.withOk() ? ",\"ok\":false}" : "}").toString();
        }
        if (r instanceof Response.Event e) {
            o.append("{\"event\":true,\"seq\":\"").append(Long.toUnsignedString(e.seq())).append('"');
            keyStr(o, "topic", e.topic());
            keyStr(o, "source", e.source() == null ? "" : e.source());
            key(o, "data").append(e.dataJson() == null ? "{}" : e.dataJson());
            return o.append('}').toString();
        }
        if (r instanceof Response.Keepalive k) {
            return o.append("{\"type\":\"keepalive\",\"ts\":").append(k.timestampMillis()).append('}').toString();
        }
        if (r instanceof Response.Generic g) {
            return Json.toJson(g.body());
        }
        o.append("{\"ok\":true");
        switch (r) {
            case Response.Version v -> {
                keyStr(o, "binary_version", v.binaryVersion());
                keyStr(o, "schema_version", v.schemaVersion());
                key(o, "wire_format_major").append(v.wireFormatMajor());
                keyStr(o, "compat_min", v.compatMin());
                keyStr(o, "build_date", v.buildDate());
                keyStr(o, "ir_schema_version", v.irSchemaVersion());
                if (v.server() != null) {
                    keyStr(o, "server", v.server());
                }
            }
            case Response.Status s -> {
                keyLong(o, "generation", s.generation());
                keyStr(o, "phase", s.phase());
                keyStr(o, "current_root", s.currentRoot());
                keyStr(o, "arena_path", s.arenaPath());
                keyLong(o, "arena_size", s.arenaSize());
                o.append(",\"enrichment_typed\":[]");
                keyLong(o, "last_reparse_at_ms", s.lastReparseAtMs());
            }
            case Response.Flushed f -> keyStr(o, "current_root", f.currentRoot());
            case Response.SnapshotInfo s -> {
                keyLong(o, "generation", s.generation());
                keyStr(o, "current_root", s.currentRoot());
                if (s.committedAtNanos() != null) {
                    keyLong(o, "committed_at_ns", s.committedAtNanos());
                }
            }
            case Response.Children c -> {
                key(o, "children").append('[');
                for (int i = 0; i < c.children().size(); i++) {
                    if (i > 0) {
                        o.append(',');
                    }
                    node(o, c.children().get(i));
                }
                o.append(']');
            }
            case Response.NodeFound n -> node(key(o, "node"), n.node());
            case Response.Content c -> {
                String text = utf8(c.bytes());
                if (text == null) {
                    // not UTF-8: the lossy text for ley-line clients, the exact bytes for mache's
                    keyStr(o, "content", new String(c.bytes(), StandardCharsets.UTF_8));
                    keyStr(o, "content_base64", Base64.getEncoder().encodeToString(c.bytes()));
                } else {
                    keyStr(o, "content", text);
                }
            }
            case Response.Refs refs -> {
                key(o, refs.kind().key).append('[');
                for (int i = 0; i < refs.refs().size(); i++) {
                    Ref ref = refs.refs().get(i);
                    o.append(i > 0 ? ",{" : "{");
                    o.append("\"node_id\":");
                    Json.quote(o, ref.nodeId());
                    keyStr(o, "source_id", ref.sourceId());
                    o.append('}');
                }
                o.append(']');
            }
            case Response.TokenMap t -> {
                key(o, "entries").append('[');
                for (int i = 0; i < t.entries().size(); i++) {
                    Response.TokenEntry e = t.entries().get(i);
                    o.append(i > 0 ? ",{" : "{").append("\"token\":");
                    Json.quote(o, e.token());
                    key(o, "node_ids");
                    Json.write(o, e.nodeIds());
                    o.append('}');
                }
                o.append(']');
            }
            case Response.Tokens t -> Json.write(key(o, "tokens"), t.tokens());
            case Response.Unhashed u -> {
                if (u.found() != null) {
                    keyStr(o, "found", u.found());
                }
            }
            case Response.StatsResult s -> {
                Stats st = s.stats();
                keyLong(o, "files", st.files());
                keyLong(o, "constructs", st.constructs());
                keyLong(o, "references", st.references());
                keyLong(o, "nodes", st.nodes());
                keyStr(o, "phase", st.phase());
            }
            case Response.QueryResult q -> {
                Json.write(key(o, "columns"), q.columns());
                key(o, "rows").append('[');
                for (int i = 0; i < q.rows().size(); i++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    List<String> values = q.rows().get(i);
                    for (int c = 0; c < q.columns().size(); c++) {
                        row.put(q.columns().get(c), c < values.size() && values.get(c) != null ? values.get(c) : Json.NULL);
                    }
                    if (i > 0) {
                        o.append(',');
                    }
                    Json.write(o, row);
                }
                o.append(']');
                if (q.truncated()) {
                    o.append(",\"truncated\":true");
                }
                if (q.limit() != null) {
                    key(o, "limit").append(q.limit());
                }
            }
            case Response.ReparseResult p -> {
                keyLong(o, "generation", p.generation());
                keyStr(o, "current_root", p.currentRoot());
                keyLong(o, "parsed", p.parsed());
                keyLong(o, "unchanged", p.unchanged());
                keyLong(o, "deleted", p.deleted());
                keyLong(o, "errors", p.errors());
                Json.write(key(o, "changed_files"), p.changedFiles());
            }
            case Response.Subscribed s -> {
                Json.write(key(o, "subscribed"), s.topics());
                keyLong(o, "head_seq", s.headSeq());
                if (s.replayCount() != null) {
                    key(o, "replay_count").append(s.replayCount());
                }
                if (s.replayGap()) {
                    o.append(",\"replay_gap\":true");
                }
            }
            case Response.Unsubscribed u -> Json.write(key(o, "unsubscribed"), u.topics());
            case Response.Emitted e -> keyLong(o, "seq", e.seq());
            case Response.Done d -> {
            }
            case Response.Failure f -> throw new AssertionError();
            case Response.Event e -> throw new AssertionError();
            case Response.Keepalive k -> throw new AssertionError();
            case Response.Generic g -> throw new AssertionError();
        }
        return o.append('}').toString();
    }

    private static void node(StringBuilder o, WireNode n) {
        o.append("{\"id\":");
        Json.quote(o, n.id());
        keyStr(o, "parent_id", n.parentId());
        keyStr(o, "name", n.name());
        key(o, "kind").append(n.kind());
        keyLong(o, "size", n.size());
        if (n.record() != null) {
            keyStr(o, "record", n.record());
        }
        if (n.mtimeNanos() != null) {
            keyLong(o, "mtime_ns", n.mtimeNanos());
        }
        if (n.construct() != null) {
            o.append(",\"construct\":").append(n.construct());
        }
        o.append('}');
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Client side: a response line to the request {@code r} → the response. */
    public static Response decodeResponse(Request r, String line) throws ProtocolException {
        Object parsed;
        try {
            parsed = Json.parse(line);
        } catch (Json.JsonException e) {
            throw new ProtocolException("daemon sent invalid JSON: " + e.getMessage(), true);
        }
        if (!(parsed instanceof Map<?, ?> raw)) {
            throw new ProtocolException("daemon sent a non-object response", true);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) raw;
        if (m.get("error") instanceof String error && !error.isEmpty()) {
            return new Response.Failure(error, m.containsKey("ok"));
        }
        if (Boolean.FALSE.equals(m.get("ok"))) {
            return new Response.Failure("daemon answered ok:false without an error", true);
        }
        return switch (r) {
            case Request.Version q -> new Response.Version(str(m, "binary_version", ""), str(m, "schema_version", ""),
                    (int) i64(m, "wire_format_major", 0), str(m, "compat_min", ""), str(m, "build_date", ""),
                    str(m, "ir_schema_version", ""), str(m, "server", null));
            case Request.Status q -> new Response.Status(i64(m, "generation", 0), str(m, "arena_path", ""),
                    i64(m, "arena_size", 0), str(m, "phase", ""), str(m, "current_root", ""),
                    i64(m, "last_reparse_at_ms", 0));
            case Request.Flush q -> new Response.Flushed(str(m, "current_root", ""));
            case Request.SnapshotInfo q -> new Response.SnapshotInfo(i64(m, "generation", 0),
                    str(m, "current_root", ""), m.containsKey("committed_at_ns") ? i64(m, "committed_at_ns", 0) : null);
            case Request.ListRoots q -> children(m);
            case Request.ListChildren q -> children(m);
            case Request.ListChildrenAfter q -> children(m);
            case Request.GetNode q -> {
                if (!(m.get("node") instanceof Map<?, ?> node)) {
                    yield new Response.Failure("node '" + q.id() + "' not found", true);
                }
                yield new Response.NodeFound(node(node));
            }
            case Request.ReadContent q -> {
                if (m.get("content_base64") instanceof String b64) {
                    try {
                        yield new Response.Content(Base64.getDecoder().decode(b64));
                    } catch (IllegalArgumentException e) {
                        throw new ProtocolException("invalid 'content_base64'", true);
                    }
                }
                yield new Response.Content(str(m, "content", "").getBytes(StandardCharsets.UTF_8));
            }
            case Request.FindDefs q -> refs(m, Response.RefKind.DEFS);
            case Request.FindCallers q -> refs(m, Response.RefKind.CALLERS);
            case Request.FindCallees q -> refs(m, Response.RefKind.CALLEES);
            case Request.Callers q -> refs(m, Response.RefKind.CALLERS);
            case Request.GetRefsMap q -> tokenMap(m);
            case Request.GetDefsMap q -> tokenMap(m);
            case Request.DefTokens q -> new Response.Tokens(strings(m, "tokens"));
            case Request.RefTokens q -> new Response.Tokens(strings(m, "tokens"));
            case Request.Unhash q -> new Response.Unhashed(str(m, "found", null));
            case Request.GetStats q -> new Response.StatsResult(new Stats(i64(m, "files", 0),
                    i64(m, "constructs", 0), i64(m, "references", 0), i64(m, "nodes", 0), str(m, "phase", "")));
            case Request.Query q -> {
                List<String> columns = strings(m, "columns");
                List<List<String>> rows = new ArrayList<>();
                for (Object row : list(m, "rows")) {
                    if (!(row instanceof Map<?, ?> rowMap)) {
                        throw new ProtocolException("invalid 'rows': expected objects", true);
                    }
                    List<String> values = new ArrayList<>(columns.size());
                    for (String c : columns) {
                        Object v = rowMap.get(c);
                        values.add(v == null || v == Json.NULL ? null : v instanceof String s ? s : Json.toJson(v));
                    }
                    rows.add(values);
                }
                yield new Response.QueryResult(columns, rows, bool(m, "truncated", false),
                        m.containsKey("limit") ? (int) i64(m, "limit", 0) : null);
            }
            case Request.Reparse q -> new Response.ReparseResult(i64(m, "generation", 0), str(m, "current_root", ""),
                    i64(m, "parsed", 0), i64(m, "unchanged", 0), i64(m, "deleted", 0), i64(m, "errors", 0),
                    strings(m, "changed_files"));
            case Request.Subscribe q -> new Response.Subscribed(strings(m, "subscribed"), i64(m, "head_seq", 0),
                    m.containsKey("replay_count") ? (int) i64(m, "replay_count", 0) : null,
                    bool(m, "replay_gap", false));
            case Request.Unsubscribe q -> new Response.Unsubscribed(strings(m, "unsubscribed"));
            case Request.Emit q -> new Response.Emitted(i64(m, "seq", 0));
            case Request.Begin q -> new Response.SnapshotInfo(i64(m, "generation", 0), str(m, "current_root", ""),
                    m.containsKey("committed_at_ns") ? i64(m, "committed_at_ns", 0) : null);
            case Request.End q -> new Response.Done();
            case Request.Raw q -> new Response.Generic(m);
        };
    }

    /** A line pushed on a subscribed connection: an event, a keepalive, or null if it is neither. */
    public static Response decodePushed(String line) throws ProtocolException {
        Object parsed;
        try {
            parsed = Json.parse(line);
        } catch (Json.JsonException e) {
            throw new ProtocolException("daemon sent invalid JSON: " + e.getMessage(), true);
        }
        if (!(parsed instanceof Map<?, ?> raw)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) raw;
        if (Boolean.TRUE.equals(m.get("event"))) {
            return new Response.Event(i64(m, "seq", 0), str(m, "topic", ""), str(m, "source", ""),
                    m.get("data") instanceof Map<?, ?> d ? Json.toJson(d) : null);
        }
        if ("keepalive".equals(m.get("type"))) {
            return new Response.Keepalive(i64(m, "ts", 0));
        }
        return null;
    }

    private static Response.Children children(Map<String, Object> m) throws ProtocolException {
        List<Object> raw = list(m, "children");
        List<WireNode> out = new ArrayList<>(raw.size());
        for (Object o : raw) {
            if (!(o instanceof Map<?, ?> n)) {
                throw new ProtocolException("invalid 'children': expected objects", true);
            }
            out.add(node(n));
        }
        return new Response.Children(out);
    }

    @SuppressWarnings("unchecked")
    private static WireNode node(Map<?, ?> raw) throws ProtocolException {
        Map<String, Object> n = (Map<String, Object>) raw;
        return new WireNode(str(n, "id", ""), str(n, "parent_id", ""), str(n, "name", ""), (int) i64(n, "kind", 0),
                i64(n, "size", 0), str(n, "record", null), n.containsKey("mtime_ns") ? i64(n, "mtime_ns", 0) : null,
                n.containsKey("construct") ? bool(n, "construct", false) : null);
    }

    private static Response.Refs refs(Map<String, Object> m, Response.RefKind kind) throws ProtocolException {
        List<Ref> out = new ArrayList<>();
        for (Object o : list(m, kind.key)) {
            if (!(o instanceof Map<?, ?> raw)) {
                throw new ProtocolException("invalid '" + kind.key + "': expected objects", true);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> ref = (Map<String, Object>) raw;
            out.add(new Ref(str(ref, "node_id", ""), str(ref, "source_id", "")));
        }
        return new Response.Refs(kind, out);
    }

    private static Response.TokenMap tokenMap(Map<String, Object> m) throws ProtocolException {
        List<Response.TokenEntry> out = new ArrayList<>();
        for (Object o : list(m, "entries")) {
            if (!(o instanceof Map<?, ?> raw)) {
                throw new ProtocolException("invalid 'entries': expected objects", true);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) raw;
            out.add(new Response.TokenEntry(str(e, "token", ""), strings(e, "node_ids")));
        }
        return new Response.TokenMap(out);
    }

    // ======================================================================== helpers

    private static StringBuilder key(StringBuilder o, String key) {
        o.append(',');
        return Json.quote(o, key).append(':');
    }

    private static void keyStr(StringBuilder o, String key, String value) {
        Json.quote(key(o, key), value);
    }

    /** 64-bit integers are JSON strings on this wire. */
    private static void keyLong(StringBuilder o, String key, long value) {
        key(o, key).append('"').append(value).append('"');
    }

    static String required(Map<String, Object> m, String key) throws ProtocolException {
        String v = str(m, key, null);
        if (v == null) {
            throw new ProtocolException("missing '" + key + "' argument", true);
        }
        return v;
    }

    static String str(Map<String, Object> m, String key, String dflt) throws ProtocolException {
        Object v = m.get(key);
        if (v == null || v == Json.NULL) {
            return dflt;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new ProtocolException("invalid '" + key + "': expected a string", true);
    }

    static boolean bool(Map<String, Object> m, String key, boolean dflt) throws ProtocolException {
        Object v = m.get(key);
        if (v == null || v == Json.NULL) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ProtocolException("invalid '" + key + "': expected a boolean", true);
    }

    /** A 64-bit integer sent as a JSON string or number. */
    static long i64(Map<String, Object> m, String key, long dflt) throws ProtocolException {
        Object v = m.get(key);
        if (v == null || v == Json.NULL) {
            return dflt;
        }
        try {
            if (v instanceof Long l) {
                return l;
            }
            if (v instanceof BigInteger b) {
                return b.longValue(); // UInt64 past Long.MAX_VALUE: same bits
            }
            if (v instanceof String s) {
                return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
            }
            if (v instanceof Double d && d == Math.rint(d)) {
                return d.longValue();
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new ProtocolException("invalid '" + key + "': expected an integer", true);
    }

    static List<Object> list(Map<String, Object> m, String key) throws ProtocolException {
        Object v = m.get(key);
        if (v == null || v == Json.NULL) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> out = (List<Object>) l;
            return out;
        }
        throw new ProtocolException("invalid '" + key + "': expected a list", true);
    }

    static List<String> strings(Map<String, Object> m, String key) throws ProtocolException {
        List<Object> raw = list(m, key);
        List<String> out = new ArrayList<>(raw.size());
        for (Object o : raw) {
            if (!(o instanceof String s)) {
                throw new ProtocolException("invalid '" + key + "': expected strings", true);
            }
            out.add(s);
        }
        return out;
    }
}
