package dev.mache.ipc.capnp;

import dev.mache.graph.Ref;
import dev.mache.graph.Stats;
import dev.mache.ipc.ProtocolException;
import dev.mache.ipc.Request;
import dev.mache.ipc.Response;
import dev.mache.ipc.WireNode;
import dev.mache.schemas.Daemon;
import dev.mache.schemas.Mache;
import dev.mache.schemas.Messages;
import org.capnproto.MessageReader;
import org.capnproto.StructList;
import org.capnproto.Text;
import org.capnproto.TextList;

import java.util.ArrayList;
import java.util.List;

/**
 * The Cap'n Proto codec: a request is one {@code mache.capnp} Request message; a response is the op's struct from
 * {@code daemon.capnp} where ley-line has one, else mache's. A failure is always a {@code Daemon.ErrorResponse}; every
 * response keeps {@code ok} at bit 0, so a reader checks that bit first (the root read as an ErrorResponse).
 */
public final class CapnpCodec {
    private CapnpCodec() {
    }

    // ======================================================================== requests

    public static byte[] encodeRequest(Request r) {
        return Messages.singleSegment(64, message -> {
            Mache.Request.Builder b = message.initRoot(Mache.Request.factory);
            b.setOp(r.op());
            switch (r) {
                case Request.ListChildren q -> b.setId(q.id());
                case Request.GetNode q -> {
                    b.setId(q.id());
                    b.setNoRecord(!q.withRecord());
                }
                case Request.ReadContent q -> {
                    b.setId(q.id());
                    if (q.ranged()) {
                        b.setHasRange(true);
                        b.setOffset(q.offset());
                        b.setLength(q.length());
                    }
                }
                case Request.FindDefs q -> b.setToken(q.token());
                case Request.FindCallers q -> b.setToken(q.token());
                case Request.FindCallees q -> b.setId(q.id());
                case Request.Query q -> {
                    b.setSql(q.sql());
                    b.setLimit(q.limit());
                }
                case Request.Reparse q -> {
                    if (q.source() != null) {
                        b.setSource(q.source());
                    }
                    TextList.Builder files = b.initFiles(q.files().size());
                    for (int i = 0; i < q.files().size(); i++) {
                        files.set(i, new Text.Reader(q.files().get(i)));
                    }
                }
                case Request.Emit q -> {
                    b.setTopic(q.topic());
                    if (q.source() != null) {
                        b.setSource(q.source());
                    }
                    if (q.dataJson() != null) {
                        b.setData(q.dataJson());
                    }
                }
                case Request.ListChildrenAfter q -> {
                    b.setId(q.id());
                    if (q.after() != null) {
                        b.setAfter(q.after());
                    }
                    b.setLimit(q.limit());
                }
                case Request.Callers q -> b.setId(q.id());
                case Request.DefTokens q -> {
                    if (q.after() != null) {
                        b.setAfter(q.after());
                    }
                    b.setLimit(q.limit());
                }
                case Request.RefTokens q -> {
                    if (q.after() != null) {
                        b.setAfter(q.after());
                    }
                    b.setLimit(q.limit());
                }
                case Request.Unhash q -> b.setHash(q.hash());
                default -> {
                    // no arguments (or not carried on this codec: the server answers with an error)
                }
            }
        });
    }

    public static Request decodeRequest(MessageReader message) throws ProtocolException {
        Mache.Request.Reader q;
        try {
            q = message.getRoot(Mache.Request.factory);
        } catch (RuntimeException e) {
            throw new ProtocolException("invalid message: " + e.getMessage(), false);
        }
        if (!q.hasOp()) {
            throw new ProtocolException("missing 'op' field", false);
        }
        String op = q.getOp().toString();
        String id = q.hasId() ? q.getId().toString() : "";
        String token = q.hasToken() ? q.getToken().toString() : null;
        String after = q.hasAfter() ? q.getAfter().toString() : null;
        // paging ops always carry their limit (0 is a valid one); query's 0 means unset, like JSON's absent key
        int limit = Math.max(0, q.getLimit());
        return switch (op) {
            case "leyline_version" -> new Request.Version();
            case "status" -> new Request.Status();
            case "flush" -> new Request.Flush();
            case "snapshot" -> new Request.SnapshotInfo();
            case "list_roots" -> new Request.ListRoots();
            case "list_children" -> new Request.ListChildren(id);
            case "get_node" -> new Request.GetNode(requireId(q, id), !q.getNoRecord());
            case "read_content" -> q.getHasRange()
                    ? new Request.ReadContent(requireId(q, id), q.getOffset(), q.getLength())
                    : new Request.ReadContent(requireId(q, id), 0, -1);
            case "find_defs" -> new Request.FindDefs(requireToken(token));
            case "find_callers" -> new Request.FindCallers(requireToken(token));
            case "find_callees" -> new Request.FindCallees(requireId(q, id));
            case "get_refs_map" -> new Request.GetRefsMap();
            case "get_defs_map" -> new Request.GetDefsMap();
            case "query" -> {
                if (!q.hasSql()) {
                    throw new ProtocolException("missing 'sql' argument", true);
                }
                yield new Request.Query(q.getSql().toString(), limit == 0 ? 1000 : limit);
            }
            case "reparse" -> {
                List<String> files = new ArrayList<>();
                if (q.hasFiles()) {
                    for (Text.Reader t : q.getFiles()) {
                        files.add(t.toString());
                    }
                }
                yield new Request.Reparse(q.hasSource() ? q.getSource().toString() : null, files);
            }
            case "emit" -> {
                if (!q.hasTopic()) {
                    throw new ProtocolException("missing 'topic' argument", true);
                }
                yield new Request.Emit(q.getTopic().toString(), q.hasSource() ? q.getSource().toString() : null,
                        q.hasData() ? q.getData().toString() : null);
            }
            case "subscribe", "unsubscribe" ->
                    throw new ProtocolException(op + " is served on the JSON codec only", true);
            case "list_children_after" -> new Request.ListChildrenAfter(id, after, limit);
            case "callers" -> new Request.Callers(requireId(q, id));
            case "def_tokens" -> new Request.DefTokens(after, limit);
            case "ref_tokens" -> new Request.RefTokens(after, limit);
            case "unhash" -> new Request.Unhash(q.hasHash() ? q.getHash().toArray() : new byte[0]);
            case "stats" -> new Request.GetStats();
            case "begin" -> new Request.Begin();
            case "end" -> new Request.End();
            default -> throw new ProtocolException("unknown op: " + op, false);
        };
    }

    private static String requireId(Mache.Request.Reader q, String id) throws ProtocolException {
        if (!q.hasId()) {
            throw new ProtocolException("missing 'id' argument", true);
        }
        return id;
    }

    private static String requireToken(String token) throws ProtocolException {
        if (token == null) {
            throw new ProtocolException("missing 'token' argument", true);
        }
        return token;
    }

    // ======================================================================== responses

    public static byte[] encodeResponse(Response r) {
        return Messages.singleSegment(sizeHint(r), message -> {
            switch (r) {
                case Response.Failure f -> {
                    Daemon.ErrorResponse.Builder b = message.initRoot(Daemon.ErrorResponse.factory);
                    b.setError(f.message());
                    b.setOk(false);
                }
                case Response.Version v -> {
                    Mache.VersionResponse.Builder b = message.initRoot(Mache.VersionResponse.factory);
                    b.setOk(true);
                    b.setBinaryVersion(v.binaryVersion());
                    b.setSchemaVersion(v.schemaVersion());
                    b.setWireFormatMajor(v.wireFormatMajor());
                    b.setCompatMin(v.compatMin());
                    b.setBuildDate(v.buildDate());
                    b.setIrSchemaVersion(v.irSchemaVersion());
                    if (v.server() != null) {
                        b.setServer(v.server());
                    }
                }
                case Response.Status s -> {
                    Daemon.StatusResponse.Builder b = message.initRoot(Daemon.StatusResponse.factory);
                    b.setOk(true);
                    b.setGeneration(s.generation());
                    b.setArenaPath(s.arenaPath());
                    b.setArenaSize(s.arenaSize());
                    b.setPhase(s.phase());
                    b.setCurrentRoot(s.currentRoot());
                }
                case Response.Flushed f -> {
                    Daemon.FlushResponse.Builder b = message.initRoot(Daemon.FlushResponse.factory);
                    b.setOk(true);
                    b.setCurrentRoot(f.currentRoot());
                }
                case Response.SnapshotInfo s -> {
                    Mache.SnapshotResponse.Builder b = message.initRoot(Mache.SnapshotResponse.factory);
                    b.setOk(true);
                    b.setGeneration(s.generation());
                    b.setCurrentRoot(s.currentRoot());
                    b.setCommittedAtNanos(s.committedAtNanos() == null ? 0 : s.committedAtNanos());
                }
                case Response.Children c -> nodes(message.initRoot(Mache.NodesResponse.factory), c.children());
                case Response.NodeFound n -> nodes(message.initRoot(Mache.NodesResponse.factory), List.of(n.node()));
                case Response.Content c -> {
                    Mache.ReadResponse.Builder b = message.initRoot(Mache.ReadResponse.factory);
                    b.setOk(true);
                    b.setData(c.bytes());
                }
                case Response.Refs refs -> {
                    StructList.Builder<Daemon.Ref.Builder> list = switch (refs.kind()) {
                        case DEFS -> {
                            Daemon.FindDefsResponse.Builder b = message.initRoot(Daemon.FindDefsResponse.factory);
                            b.setOk(true);
                            yield b.initDefs(refs.refs().size());
                        }
                        case CALLERS -> {
                            Daemon.FindCallersResponse.Builder b = message.initRoot(Daemon.FindCallersResponse.factory);
                            b.setOk(true);
                            yield b.initCallers(refs.refs().size());
                        }
                        case CALLEES -> {
                            Daemon.FindCalleesResponse.Builder b = message.initRoot(Daemon.FindCalleesResponse.factory);
                            b.setOk(true);
                            yield b.initCallees(refs.refs().size());
                        }
                    };
                    for (int i = 0; i < refs.refs().size(); i++) {
                        Ref ref = refs.refs().get(i);
                        list.get(i).setNodeId(ref.nodeId());
                        list.get(i).setSourceId(ref.sourceId());
                    }
                }
                case Response.TokenMap t -> {
                    Mache.TokenMapResponse.Builder b = message.initRoot(Mache.TokenMapResponse.factory);
                    b.setOk(true);
                    StructList.Builder<Daemon.TokenMapEntry.Builder> list = b.initEntries(t.entries().size());
                    for (int i = 0; i < t.entries().size(); i++) {
                        Response.TokenEntry e = t.entries().get(i);
                        list.get(i).setToken(e.token());
                        texts(list.get(i).initNodeIds(e.nodeIds().size()), e.nodeIds());
                    }
                }
                case Response.Tokens t -> {
                    Mache.TokensResponse.Builder b = message.initRoot(Mache.TokensResponse.factory);
                    b.setOk(true);
                    texts(b.initTokens(t.tokens().size()), t.tokens());
                }
                case Response.Unhashed u -> {
                    Mache.UnhashResponse.Builder b = message.initRoot(Mache.UnhashResponse.factory);
                    b.setOk(true);
                    if (u.found() != null) {
                        b.setFound(u.found());
                    }
                }
                case Response.StatsResult s -> {
                    Mache.StatsResponse.Builder b = message.initRoot(Mache.StatsResponse.factory);
                    b.setOk(true);
                    b.setFiles(s.stats().files());
                    b.setConstructs(s.stats().constructs());
                    b.setReferences(s.stats().references());
                    b.setNodes(s.stats().nodes());
                    b.setPhase(s.stats().phase());
                }
                case Response.QueryResult q -> {
                    Mache.QueryResponse.Builder b = message.initRoot(Mache.QueryResponse.factory);
                    b.setOk(true);
                    texts(b.initColumns(q.columns().size()), q.columns());
                    StructList.Builder<Mache.QueryRow.Builder> rows = b.initRows(q.rows().size());
                    for (int i = 0; i < q.rows().size(); i++) {
                        List<String> values = q.rows().get(i);
                        TextList.Builder vb = rows.get(i).initValues(values.size());
                        for (int c = 0; c < values.size(); c++) {
                            if (values.get(c) != null) {
                                vb.set(c, new Text.Reader(values.get(c)));
                            }
                        }
                    }
                    b.setTruncated(q.truncated());
                    b.setLimit(q.limit() == null ? 0 : q.limit());
                }
                case Response.ReparseResult p -> {
                    Mache.ReparseResponse.Builder b = message.initRoot(Mache.ReparseResponse.factory);
                    b.setOk(true);
                    b.setGeneration(p.generation());
                    b.setCurrentRoot(p.currentRoot());
                    b.setParsed(p.parsed());
                    b.setUnchanged(p.unchanged());
                    b.setDeleted(p.deleted());
                    b.setErrors(p.errors());
                    texts(b.initChangedFiles(p.changedFiles().size()), p.changedFiles());
                }
                case Response.Done d -> message.initRoot(Mache.OkResponse.factory).setOk(true);
                case Response.Emitted e -> {
                    Mache.EmitResponse.Builder b = message.initRoot(Mache.EmitResponse.factory);
                    b.setOk(true);
                    b.setSeq(e.seq());
                }
                case Response.Event e -> {
                    Daemon.Event.Builder b = message.initRoot(Daemon.Event.factory);
                    b.setSeq(e.seq());
                    b.setTopic(e.topic());
                    if (e.source() != null) {
                        b.setSource(e.source());
                    }
                    if (e.dataJson() != null) {
                        b.setData(e.dataJson());
                    }
                }
                case Response.Subscribed s -> throw new IllegalArgumentException("not carried on the binary codec");
                case Response.Unsubscribed u -> throw new IllegalArgumentException("not carried on the binary codec");
                case Response.Keepalive k -> throw new IllegalArgumentException("not carried on the binary codec");
                case Response.Generic g -> throw new IllegalArgumentException("not carried on the binary codec");
            }
        });
    }

    /** Words for a single segment, generously estimated so the builder rarely has to start over. */
    private static int sizeHint(Response r) {
        if (r instanceof Response.Children c) {
            long words = 8;
            for (WireNode n : c.children()) {
                words += 12 + (n.id().length() + n.parentId().length() + n.name().length()) / 8 + 3;
            }
            return (int) Math.min(words, Integer.MAX_VALUE / 16);
        }
        if (r instanceof Response.Content c) {
            return c.bytes().length / 8 + 16;
        }
        if (r instanceof Response.NodeFound n) {
            return 32 + (n.node().record() == null ? 0 : n.node().record().length() / 2);
        }
        return 256;
    }

    private static void nodes(Mache.NodesResponse.Builder b, List<WireNode> nodes) {
        b.setOk(true);
        StructList.Builder<Mache.MacheNode.Builder> list = b.initNodes(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            WireNode n = nodes.get(i);
            Mache.MacheNode.Builder nb = list.get(i);
            nb.setId(n.id());
            nb.setParentId(n.parentId());
            nb.setName(n.name());
            nb.setKind(n.kind());
            nb.setSize(n.size());
            if (n.record() != null) {
                nb.setRecord(n.record());
            }
            nb.setMtimeNanos(n.mtimeNanos() == null ? 0 : n.mtimeNanos());
            nb.setConstruct(n.construct() != null && n.construct());
        }
    }

    private static void texts(TextList.Builder list, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            list.set(i, new Text.Reader(values.get(i)));
        }
    }

    public static Response decodeResponse(Request r, MessageReader message) throws ProtocolException {
        try {
            Daemon.ErrorResponse.Reader probe = message.getRoot(Daemon.ErrorResponse.factory);
            if (!probe.getOk()) {
                return new Response.Failure(probe.hasError() ? probe.getError().toString() : "daemon failed", true);
            }
            return switch (r) {
                case Request.Version q -> {
                    Mache.VersionResponse.Reader v = message.getRoot(Mache.VersionResponse.factory);
                    yield new Response.Version(t(v.hasBinaryVersion(), v.getBinaryVersion()),
                            t(v.hasSchemaVersion(), v.getSchemaVersion()), v.getWireFormatMajor(),
                            t(v.hasCompatMin(), v.getCompatMin()), t(v.hasBuildDate(), v.getBuildDate()),
                            t(v.hasIrSchemaVersion(), v.getIrSchemaVersion()),
                            v.hasServer() ? v.getServer().toString() : null);
                }
                case Request.Status q -> {
                    Daemon.StatusResponse.Reader s = message.getRoot(Daemon.StatusResponse.factory);
                    yield new Response.Status(s.getGeneration(), t(s.hasArenaPath(), s.getArenaPath()),
                            s.getArenaSize(), t(s.hasPhase(), s.getPhase()), t(s.hasCurrentRoot(), s.getCurrentRoot()), 0);
                }
                case Request.Flush q -> {
                    Daemon.FlushResponse.Reader f = message.getRoot(Daemon.FlushResponse.factory);
                    yield new Response.Flushed(t(f.hasCurrentRoot(), f.getCurrentRoot()));
                }
                case Request.End q -> new Response.Done();
                case Request.Begin q -> {
                    Mache.SnapshotResponse.Reader s = message.getRoot(Mache.SnapshotResponse.factory);
                    yield new Response.SnapshotInfo(s.getGeneration(), t(s.hasCurrentRoot(), s.getCurrentRoot()),
                            s.getCommittedAtNanos());
                }
                case Request.SnapshotInfo q -> {
                    Mache.SnapshotResponse.Reader s = message.getRoot(Mache.SnapshotResponse.factory);
                    yield new Response.SnapshotInfo(s.getGeneration(), t(s.hasCurrentRoot(), s.getCurrentRoot()),
                            s.getCommittedAtNanos());
                }
                case Request.ListRoots q -> new Response.Children(nodes(message));
                case Request.ListChildren q -> new Response.Children(nodes(message));
                case Request.ListChildrenAfter q -> new Response.Children(nodes(message));
                case Request.GetNode q -> {
                    List<WireNode> nodes = nodes(message);
                    yield nodes.isEmpty() ? new Response.Failure("node '" + q.id() + "' not found", true)
                            : new Response.NodeFound(nodes.getFirst());
                }
                case Request.ReadContent q -> {
                    Mache.ReadResponse.Reader c = message.getRoot(Mache.ReadResponse.factory);
                    yield new Response.Content(c.hasData() ? c.getData().toArray() : new byte[0]);
                }
                case Request.FindDefs q -> {
                    Daemon.FindDefsResponse.Reader d = message.getRoot(Daemon.FindDefsResponse.factory);
                    yield new Response.Refs(Response.RefKind.DEFS, d.hasDefs() ? refs(d.getDefs()) : List.of());
                }
                case Request.FindCallers q -> callers(message);
                case Request.Callers q -> callers(message);
                case Request.FindCallees q -> {
                    Daemon.FindCalleesResponse.Reader d = message.getRoot(Daemon.FindCalleesResponse.factory);
                    yield new Response.Refs(Response.RefKind.CALLEES, d.hasCallees() ? refs(d.getCallees()) : List.of());
                }
                case Request.GetRefsMap q -> tokenMap(message);
                case Request.GetDefsMap q -> tokenMap(message);
                case Request.DefTokens q -> tokens(message);
                case Request.RefTokens q -> tokens(message);
                case Request.Unhash q -> {
                    Mache.UnhashResponse.Reader u = message.getRoot(Mache.UnhashResponse.factory);
                    yield new Response.Unhashed(u.hasFound() ? u.getFound().toString() : null);
                }
                case Request.GetStats q -> {
                    Mache.StatsResponse.Reader s = message.getRoot(Mache.StatsResponse.factory);
                    yield new Response.StatsResult(new Stats(s.getFiles(), s.getConstructs(), s.getReferences(),
                            s.getNodes(), t(s.hasPhase(), s.getPhase())));
                }
                case Request.Query q -> {
                    Mache.QueryResponse.Reader qr = message.getRoot(Mache.QueryResponse.factory);
                    List<String> columns = qr.hasColumns() ? strings(qr.getColumns()) : List.of();
                    List<List<String>> rows = new ArrayList<>();
                    if (qr.hasRows()) {
                        for (Mache.QueryRow.Reader row : qr.getRows()) {
                            List<String> values = new ArrayList<>();
                            if (row.hasValues()) {
                                TextList.Reader vs = row.getValues();
                                for (int i = 0; i < vs.size(); i++) {
                                    Text.Reader v = vs.get(i);
                                    values.add(v.size() == 0 && v.buffer == null ? null : v.toString());
                                }
                            }
                            rows.add(values);
                        }
                    }
                    yield new Response.QueryResult(columns, rows, qr.getTruncated(),
                            qr.getLimit() == 0 ? null : qr.getLimit());
                }
                case Request.Reparse q -> {
                    Mache.ReparseResponse.Reader p = message.getRoot(Mache.ReparseResponse.factory);
                    yield new Response.ReparseResult(p.getGeneration(), t(p.hasCurrentRoot(), p.getCurrentRoot()),
                            p.getParsed(), p.getUnchanged(), p.getDeleted(), p.getErrors(),
                            p.hasChangedFiles() ? strings(p.getChangedFiles()) : List.of());
                }
                case Request.Emit q -> new Response.Emitted(message.getRoot(Mache.EmitResponse.factory).getSeq());
                case Request.Subscribe q -> throw new ProtocolException("subscribe is served on the JSON codec only", true);
                case Request.Unsubscribe q -> throw new ProtocolException("unsubscribe is served on the JSON codec only", true);
                case Request.Raw q -> throw new ProtocolException(q.op() + " is served on the JSON codec only", true);
            };
        } catch (org.capnproto.DecodeException | IndexOutOfBoundsException e) {
            throw new ProtocolException("daemon sent an invalid message: " + e.getMessage(), true);
        }
    }

    private static Response.Refs callers(MessageReader message) {
        Daemon.FindCallersResponse.Reader d = message.getRoot(Daemon.FindCallersResponse.factory);
        return new Response.Refs(Response.RefKind.CALLERS, d.hasCallers() ? refs(d.getCallers()) : List.of());
    }

    private static Response.TokenMap tokenMap(MessageReader message) {
        Mache.TokenMapResponse.Reader m = message.getRoot(Mache.TokenMapResponse.factory);
        List<Response.TokenEntry> out = new ArrayList<>();
        if (m.hasEntries()) {
            for (Daemon.TokenMapEntry.Reader e : m.getEntries()) {
                out.add(new Response.TokenEntry(t(e.hasToken(), e.getToken()),
                        e.hasNodeIds() ? strings(e.getNodeIds()) : List.of()));
            }
        }
        return new Response.TokenMap(out);
    }

    private static Response.Tokens tokens(MessageReader message) {
        Mache.TokensResponse.Reader m = message.getRoot(Mache.TokensResponse.factory);
        return new Response.Tokens(m.hasTokens() ? strings(m.getTokens()) : List.of());
    }

    private static List<WireNode> nodes(MessageReader message) {
        Mache.NodesResponse.Reader r = message.getRoot(Mache.NodesResponse.factory);
        if (!r.hasNodes()) {
            return List.of();
        }
        StructList.Reader<Mache.MacheNode.Reader> list = r.getNodes();
        List<WireNode> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Mache.MacheNode.Reader n = list.get(i);
            out.add(new WireNode(t(n.hasId(), n.getId()), t(n.hasParentId(), n.getParentId()), t(n.hasName(), n.getName()),
                    n.getKind(), n.getSize(), n.hasRecord() ? n.getRecord().toString() : null, n.getMtimeNanos(),
                    n.getConstruct()));
        }
        return out;
    }

    private static List<Ref> refs(StructList.Reader<Daemon.Ref.Reader> list) {
        List<Ref> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Daemon.Ref.Reader r = list.get(i);
            out.add(new Ref(t(r.hasNodeId(), r.getNodeId()), t(r.hasSourceId(), r.getSourceId())));
        }
        return out;
    }

    private static List<String> strings(TextList.Reader list) {
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(list.get(i).toString());
        }
        return out;
    }

    private static String t(boolean has, Text.Reader text) {
        return has ? text.toString() : "";
    }
}
