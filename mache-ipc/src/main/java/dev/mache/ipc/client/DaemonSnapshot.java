package dev.mache.ipc.client;

import dev.mache.graph.Node;
import dev.mache.graph.Ref;
import dev.mache.graph.Snapshot;
import dev.mache.graph.Stats;
import dev.mache.ipc.Bytewise;
import dev.mache.ipc.Request;
import dev.mache.ipc.Response;
import dev.mache.ipc.WireNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A snapshot as the daemon reported it at {@link DaemonGraph#open()}; every operation re-queries the daemon. Against
 * a ley-line daemon, the ops mache adds are answered from ley-line's (children paging, ranged reads, callers of a
 * construct, token paging), the root row is dropped from listings, and what ley-line lacks degrades (no unhash,
 * stats from status only).
 */
final class DaemonSnapshot implements Snapshot {
    private final DaemonGraph graph;
    /** The connection holding this snapshot pinned (mache's daemon), or null (ley-line: every call is fresh). */
    private Channel pinned;
    private final long generation;
    private final String root;
    private final long committedAtNanos;

    DaemonSnapshot(DaemonGraph graph, long generation, String root, long committedAtNanos) {
        this(graph, null, generation, root, committedAtNanos);
    }

    DaemonSnapshot(DaemonGraph graph, Channel pinned, long generation, String root, long committedAtNanos) {
        this.graph = graph;
        this.pinned = pinned;
        this.generation = generation;
        this.root = root;
        this.committedAtNanos = committedAtNanos;
    }

    private boolean mache() {
        Channel ch = pinned;
        return ch != null ? ch.dialect == Channel.Dialect.MACHE : graph.dialect() == Channel.Dialect.MACHE;
    }

    /**
     * One request: on the pinned connection if there is one. If that connection breaks (the daemon restarted), the
     * snapshot re-pins on a fresh connection: node ids are paths, so what the caller holds stays meaningful.
     */
    private synchronized Response call(Request request) {
        if (pinned == null) {
            return graph.call(request);
        }
        try {
            return pinned.call(request);
        } catch (java.io.IOException e) {
            pinned.close();
            pinned = null;
            Channel fresh = graph.reconnect();
            try {
                fresh.call(new Request.Begin());
                Response r = fresh.call(request);
                pinned = fresh;
                return r;
            } catch (java.io.IOException again) {
                fresh.close();
                throw new dev.mache.ipc.DaemonException("daemon failed: " + again.getMessage(), again);
            }
        }
    }

    @Override
    public String root() {
        return root;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public long committedAtNanos() {
        return committedAtNanos;
    }

    @Override
    public Optional<Node> node(String id) {
        Response r = call(new Request.GetNode(id, false));
        return switch (r) {
            case Response.NodeFound n -> Optional.of(n.node().toNode(committedAtNanos));
            case Response.Failure f when f.notFound() -> Optional.empty();
            default -> throw DaemonGraph.failure("get_node", r);
        };
    }

    @Override
    public List<Node> children(String id) {
        Response r = call(new Request.ListChildren(id));
        if (!(r instanceof Response.Children c)) {
            if (r instanceof Response.Failure f && f.notFound()) {
                return List.of();
            }
            throw DaemonGraph.failure("list_children", r);
        }
        List<Node> out = new ArrayList<>(c.children().size());
        for (WireNode n : c.children()) {
            // ley-line's root row ("" with parent "") lists itself among the top level
            if (n.id().isEmpty() || n.id().equals(id)) {
                continue;
            }
            out.add(n.toNode(committedAtNanos));
        }
        return out;
    }

    @Override
    public List<Node> childrenAfter(String id, String afterName, int limit) {
        if (mache()) {
            Response r = call(new Request.ListChildrenAfter(id, afterName, limit));
            if (r instanceof Response.Children c) {
                List<Node> out = new ArrayList<>(c.children().size());
                for (WireNode n : c.children()) {
                    out.add(n.toNode(committedAtNanos));
                }
                return out;
            }
            throw DaemonGraph.failure("list_children_after", r);
        }
        List<Node> out = new ArrayList<>();
        for (Node n : children(id)) {
            if (out.size() >= limit) {
                break;
            }
            if (afterName == null || Bytewise.compare(n.name(), afterName) > 0) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public byte[] read(String id, long offset, int length) {
        if (length <= 0 || offset < 0) {
            return new byte[0];
        }
        boolean mache = mache();
        Response r = call(mache ? new Request.ReadContent(id, offset, length) : new Request.ReadContent(id, 0, -1));
        return switch (r) {
            case Response.Content c when mache -> c.bytes();
            case Response.Content c -> {
                // ley-line sends the whole record; slice here
                if (offset >= c.bytes().length) {
                    yield new byte[0];
                }
                yield Arrays.copyOfRange(c.bytes(), (int) offset, (int) Math.min(c.bytes().length, offset + length));
            }
            case Response.Failure f when f.notFound() -> new byte[0];
            default -> throw DaemonGraph.failure("read_content", r);
        };
    }

    private List<Ref> refs(Request request, String op) {
        Response r = call(request);
        if (r instanceof Response.Refs refs) {
            return mache() ? refs.refs() : ordered(refs.refs(), null);
        }
        throw DaemonGraph.failure(op, r);
    }

    /** Ordered by node id, without duplicates, without {@code self}: what the contract promises. */
    private static List<Ref> ordered(List<Ref> refs, String self) {
        TreeMap<String, Ref> byId = new TreeMap<>(Bytewise.ORDER);
        for (Ref ref : refs) {
            if (!ref.nodeId().equals(self)) {
                byId.putIfAbsent(ref.nodeId(), ref);
            }
        }
        return List.copyOf(byId.values());
    }

    @Override
    public List<Ref> defs(String token) {
        return refs(new Request.FindDefs(token), "find_defs");
    }

    @Override
    public List<Ref> refs(String token) {
        return refs(new Request.FindCallers(token), "find_callers");
    }

    @Override
    public List<Ref> callees(String constructId) {
        Response r = call(new Request.FindCallees(constructId));
        if (r instanceof Response.Refs refs) {
            return mache() ? refs.refs() : ordered(refs.refs(), constructId);
        }
        throw DaemonGraph.failure("find_callees", r);
    }

    @Override
    public List<Ref> callers(String constructId) {
        if (mache()) {
            return refs(new Request.Callers(constructId), "callers");
        }
        // ley-line has callers of a token only: the tokens this construct defines, then their referencing constructs
        List<Ref> all = new ArrayList<>();
        for (Response.TokenEntry e : tokenMap(new Request.GetDefsMap())) {
            if (e.nodeIds().contains(constructId)) {
                all.addAll(refs(e.token()));
            }
        }
        return ordered(all, constructId);
    }

    private List<Response.TokenEntry> tokenMap(Request request) {
        Response r = call(request);
        if (r instanceof Response.TokenMap m) {
            return m.entries();
        }
        throw DaemonGraph.failure(request.op(), r);
    }

    private List<String> tokens(Request machePage, Request wholeMap, String after, int limit) {
        if (mache()) {
            Response r = call(machePage);
            if (r instanceof Response.Tokens t) {
                return t.tokens();
            }
            throw DaemonGraph.failure(machePage.op(), r);
        }
        Set<String> sorted = new java.util.TreeSet<>(Bytewise.ORDER);
        for (Response.TokenEntry e : tokenMap(wholeMap)) {
            if (!e.nodeIds().isEmpty() && (after == null || Bytewise.compare(e.token(), after) > 0)) {
                sorted.add(e.token());
            }
        }
        List<String> out = new ArrayList<>(new LinkedHashSet<>(sorted));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    @Override
    public List<String> defTokens(String after, int limit) {
        return tokens(new Request.DefTokens(after, limit), new Request.GetDefsMap(), after, limit);
    }

    @Override
    public List<String> refTokens(String after, int limit) {
        return tokens(new Request.RefTokens(after, limit), new Request.GetRefsMap(), after, limit);
    }

    @Override
    public Optional<String> unhash(byte[] hash) {
        if (!mache()) {
            return Optional.empty(); // ley-line keeps no hash → name table; long handles don't resolve through it
        }
        Response r = call(new Request.Unhash(hash));
        if (r instanceof Response.Unhashed u) {
            return Optional.ofNullable(u.found());
        }
        throw DaemonGraph.failure("unhash", r);
    }

    @Override
    public Stats stats() {
        if (mache()) {
            Response r = call(new Request.GetStats());
            if (r instanceof Response.StatsResult s) {
                return s.stats();
            }
            throw DaemonGraph.failure("stats", r);
        }
        Response r = call(new Request.Status());
        if (r instanceof Response.Status s) {
            return new Stats(0, 0, 0, 0, s.phase());
        }
        throw DaemonGraph.failure("status", r);
    }

    @Override
    public synchronized void close() {
        if (pinned != null) {
            graph.unpin(pinned);
            pinned = null;
        }
    }
}
