package dev.mache.ipc.server;

import dev.mache.graph.Graph;
import dev.mache.graph.Node;
import dev.mache.graph.Ref;
import dev.mache.graph.Snapshot;
import dev.mache.ipc.Request;
import dev.mache.ipc.Response;
import dev.mache.ipc.WireNode;
import dev.mache.ipc.json.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers one request from one snapshot of the graph (opened here, closed before the answer is sent), so a response
 * never mixes two versions. Subscriptions are the connection's business, not this class's.
 */
final class RequestHandler {
    static final String VERSION = "0.1.0";
    static final String BUILD_DATE = "2026-11-28";
    static final int TOKEN_PAGE = 4096;

    private final Graph graph;
    private final DaemonServer.Options options;
    private final EventBus bus;
    private final SheafBook sheaf = new SheafBook();
    private volatile long lastReparseAtMs;

    RequestHandler(Graph graph, DaemonServer.Options options, EventBus bus) {
        this.graph = graph;
        this.options = options;
        this.bus = bus;
    }

    Graph graph() {
        return graph;
    }

    Response handle(Request request) {
        return handle(request, null);
    }

    /** Answers from {@code pinned} when the connection pinned a snapshot ({@code begin}), else from a fresh one. */
    Response handle(Request request, Snapshot pinned) {
        try {
            return answer(request, pinned);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Response.Failure(message, true);
        } catch (Exception e) {
            return new Response.Failure(e.getMessage() == null ? e.toString() : e.getMessage(), true);
        }
    }

    private Response answer(Request request, Snapshot pinned) throws Exception {
        switch (request) {
            case Request.Version v -> {
                return new Response.Version("mache-" + VERSION, "1", 1, "0.6.0", BUILD_DATE, "1", "mache");
            }
            case Request.Reparse r -> {
                return reparse(r);
            }
            case Request.Query q -> {
                if (options.queryHandler() == null) {
                    return new Response.Failure("query is not available: this daemon's graph exposes no SQL", true);
                }
                if (q.limit() <= 0) {
                    return new Response.Failure("invalid 'limit': must be positive", true);
                }
                QueryHandler.Result r = options.queryHandler().query(q.sql(), q.limit());
                return new Response.QueryResult(r.columns(), r.rows(), r.truncated(), r.truncated() ? q.limit() : null);
            }
            case Request.Emit e -> {
                return new Response.Emitted(bus.publish(e.topic(), e.source(), e.dataJson()).seq());
            }
            case Request.Subscribe s -> throw new IllegalStateException("subscribe is handled by the connection");
            case Request.Unsubscribe s -> throw new IllegalStateException("unsubscribe is handled by the connection");
            case Request.Raw raw -> {
                return raw(raw);
            }
            case Request.Begin b -> throw new IllegalStateException("begin is handled by the connection");
            case Request.End b -> throw new IllegalStateException("end is handled by the connection");
            default -> {
                if (pinned != null) {
                    return read(pinned, request);
                }
                try (Snapshot s = graph.open()) {
                    return read(s, request);
                }
            }
        }
    }

    private Response read(Snapshot s, Request request) {
        return switch (request) {
            case Request.Status q -> new Response.Status(s.generation(), arenaPath(), arenaSize(), s.stats().phase(),
                    s.root(), lastReparseAtMs);
            case Request.Flush q -> new Response.Flushed(s.root());
            case Request.SnapshotInfo q -> new Response.SnapshotInfo(s.generation(), s.root(), s.committedAtNanos());
            case Request.ListRoots q -> children(s.children(""));
            case Request.ListChildren q -> children(s.children(q.id()));
            case Request.ListChildrenAfter q -> children(s.childrenAfter(q.id(), q.after(), Math.max(0, q.limit())));
            case Request.GetNode q -> {
                Optional<Node> n = s.node(q.id());
                if (n.isEmpty()) {
                    yield notFound(q.id());
                }
                String record = q.withRecord() && !n.get().isDirectory()
                        ? new String(readAll(s, n.get()), StandardCharsets.UTF_8) : null;
                yield new Response.NodeFound(WireNode.of(n.get(), record));
            }
            case Request.ReadContent q -> {
                Optional<Node> n = s.node(q.id());
                if (n.isEmpty()) {
                    yield notFound(q.id());
                }
                if (q.offset() < 0) {
                    yield new Response.Failure("invalid 'offset': must not be negative", true);
                }
                if (!q.ranged()) {
                    yield new Response.Content(readAll(s, n.get()));
                }
                long available = Math.max(0, n.get().size() - q.offset());
                int length = (int) Math.min(q.length() < 0 ? available : Math.min(q.length(), available),
                        options.maxReadBytes());
                yield new Response.Content(length == 0 ? new byte[0] : s.read(q.id(), q.offset(), length));
            }
            case Request.FindDefs q -> new Response.Refs(Response.RefKind.DEFS, s.defs(q.token()));
            case Request.FindCallers q -> new Response.Refs(Response.RefKind.CALLERS, s.refs(q.token()));
            case Request.FindCallees q -> new Response.Refs(Response.RefKind.CALLEES, s.callees(q.id()));
            case Request.Callers q -> new Response.Refs(Response.RefKind.CALLERS, s.callers(q.id()));
            case Request.GetRefsMap q -> tokenMap(s, false);
            case Request.GetDefsMap q -> tokenMap(s, true);
            case Request.DefTokens q -> new Response.Tokens(s.defTokens(q.after(), Math.max(0, q.limit())));
            case Request.RefTokens q -> new Response.Tokens(s.refTokens(q.after(), Math.max(0, q.limit())));
            case Request.Unhash q -> new Response.Unhashed(s.unhash(q.hash()).orElse(null));
            case Request.GetStats q -> new Response.StatsResult(s.stats());
            default -> throw new IllegalStateException("unhandled op " + request.op());
        };
    }

    private byte[] readAll(Snapshot s, Node n) {
        if (n.isDirectory() || n.size() == 0) {
            return new byte[0];
        }
        if (n.size() > options.maxReadBytes()) {
            throw new IllegalArgumentException("node '" + n.id() + "' has " + n.size()
                    + " bytes, more than one response carries (" + options.maxReadBytes() + "); read it in ranges");
        }
        return s.read(n.id(), 0, (int) n.size());
    }

    private static Response.Failure notFound(String id) {
        return new Response.Failure("node '" + id + "' not found", true);
    }

    private static Response.Children children(List<Node> nodes) {
        List<WireNode> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(WireNode.of(n, null));
        }
        return new Response.Children(out);
    }

    /** Every token with its node ids, paged through the snapshot's token index (ley-line's map ops are whole-graph). */
    private static Response.TokenMap tokenMap(Snapshot s, boolean defs) {
        List<Response.TokenEntry> entries = new ArrayList<>();
        String after = null;
        while (true) {
            List<String> page = defs ? s.defTokens(after, TOKEN_PAGE) : s.refTokens(after, TOKEN_PAGE);
            for (String token : page) {
                List<Ref> refs = defs ? s.defs(token) : s.refs(token);
                List<String> ids = new ArrayList<>(refs.size());
                for (Ref r : refs) {
                    ids.add(r.nodeId());
                }
                entries.add(new Response.TokenEntry(token, ids));
            }
            if (page.size() < TOKEN_PAGE) {
                return new Response.TokenMap(entries);
            }
            after = page.getLast();
        }
    }

    private Response reparse(Request.Reparse r) throws Exception {
        if (options.reparser() == null) {
            return new Response.Failure("reparse is not available: this daemon was started without an indexer", true);
        }
        Reparser.Outcome outcome = options.reparser().reparse(Optional.ofNullable(r.source()), r.files());
        lastReparseAtMs = System.currentTimeMillis();
        long generation;
        String root;
        try (Snapshot s = graph.open()) {
            generation = s.generation();
            root = s.root();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("parsed", Long.toString(outcome.parsed()));
        data.put("deleted", Long.toString(outcome.deleted()));
        data.put("changed_files", outcome.changedFiles());
        bus.publish("daemon.reparse.complete", "mache", Json.toJson(data));
        if (!outcome.changedFiles().isEmpty()) {
            bus.publish("daemon.files.changed", "mache", Json.toJson(Map.of("paths", outcome.changedFiles())));
        }
        return new Response.ReparseResult(generation, root, outcome.parsed(), outcome.unchanged(), outcome.deleted(),
                outcome.errors(), outcome.changedFiles());
    }

    private String arenaPath() {
        return options.arenaPath() != null ? options.arenaPath() : graph.describe();
    }

    private long arenaSize() {
        try {
            Path p = Path.of(arenaPath());
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private Response raw(Request.Raw raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (raw.op()) {
            case "get_schema" -> {
                out.put("ok", true);
                out.put("tiers", List.of(Map.of("name", "mache", "crates",
                        List.of("mache-schemas", "mache-graph", "mache-ipc", "mache-vfs", "mache"))));
            }
            case "get_db_path" -> {
                // mache keeps one SQLite file; it writes none of ley-line's side files
                out.put("ok", true);
                out.put("db_path", arenaPath());
                out.put("ctrl_path", "");
                out.put("bindings_path", "");
                out.put("ast_path", "");
                out.put("source_path", "");
                out.put("head_path", "");
            }
            default -> {
                return sheaf.handle(raw.op(), raw.args());
            }
        }
        return new Response.Generic(out);
    }
}
