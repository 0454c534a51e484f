package dev.mache.graph.store;

import dev.mache.graph.Names;
import dev.mache.graph.Node;
import dev.mache.graph.NodeKind;
import dev.mache.graph.Ref;
import dev.mache.graph.Snapshot;
import dev.mache.graph.Stats;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read transaction on one pooled connection. Every operation is a point or range lookup on an index
 * (see {@code SqliteGraphContractTest}'s query-plan check).
 */
final class SqliteSnapshot implements Snapshot {
    /** A row's Node, then (for a construct's row) what its three files are derived from. */
    private static final String NODE_COLUMNS = "id, parent_id, name, kind, size, mtime, construct,"
            + " source_file, src_start, src_end, line_start, line_end, ctx_len, leaf_mtime";
    static final String Q_NODE = "SELECT " + NODE_COLUMNS + " FROM nodes WHERE id = ?";
    static final String Q_CONSTRUCT = "SELECT " + NODE_COLUMNS + " FROM nodes WHERE id = ? AND construct = 1";
    static final String Q_CHILDREN = "SELECT " + NODE_COLUMNS
            + " FROM nodes WHERE parent_id = ? AND name > '' ORDER BY name";
    static final String Q_CHILDREN_AFTER = "SELECT " + NODE_COLUMNS
            + " FROM nodes WHERE parent_id = ? AND name > ? ORDER BY name LIMIT ?";
    static final String Q_READ = """
            SELECT CASE WHEN n.record IS NOT NULL THEN substr(n.record, ?1 + 1, max(0, min(?2, n.size - ?1)))
                   ELSE (SELECT substr(s.content, n.src_start + ?1 + 1, max(0, min(?2, n.size - ?1)))
                         FROM _source s WHERE s.id = n.record_id) END
            FROM nodes n WHERE n.id = ?3 AND n.kind = 0""";
    /** A construct's source (?4 = 'source') or context file: a slice of its file's content or stored context. */
    static final String Q_READ_DERIVED = """
            SELECT CASE WHEN ?4 = 'source'
                     THEN (SELECT substr(s.content, c.src_start + ?1 + 1, max(0, min(?2, c.src_end - c.src_start - ?1)))
                           FROM _source s WHERE s.id = c.source_file)
                   WHEN c.ctx_start IS NULL
                     THEN (SELECT substr(s.context, ?1 + 1, max(0, min(?2, c.ctx_len - ?1)))
                           FROM _source s WHERE s.id = c.source_file)
                   ELSE (SELECT substr(s.content, c.ctx_start + ?1 + 1, max(0, min(?2, c.ctx_len - ?1)))
                         FROM _source s WHERE s.id = c.source_file) END
            FROM nodes c WHERE c.id = ?3 AND c.construct = 1""";
    // definitions live on their constructs' rows and reference rows name their construct by rid (the ley-line
    // node_defs and node_refs are views of the same columns): these read the tables directly
    static final String Q_DEFS = "SELECT id, source_file FROM nodes WHERE def_token = ? ORDER BY id";
    static final String Q_REFS = "SELECT n.id, n.source_file FROM _refs r JOIN nodes n ON n.rid = r.construct"
            + " WHERE r.token = ? GROUP BY n.id ORDER BY n.id";
    static final String Q_CALLEES = """
            SELECT t.target_id, (SELECT n.source_file FROM nodes n WHERE n.id = t.target_id)
            FROM (SELECT DISTINCT g.target_id FROM nodes c JOIN _refs r ON r.construct = c.rid
                  JOIN node_ref_targets g ON g.ref_id = r.ref_id
                  WHERE c.id = ?1 AND g.target_id <> ?1 ORDER BY g.target_id) t""";
    static final String Q_CALLERS = """
            SELECT n.id, n.source_file FROM node_ref_targets g JOIN _refs r ON r.ref_id = g.ref_id
            JOIN nodes n ON n.rid = r.construct
            WHERE g.target_id = ?1 AND n.id <> ?1 GROUP BY n.id ORDER BY n.id""";
    static final String Q_DEF_TOKENS = "SELECT DISTINCT def_token FROM nodes WHERE def_token > ? ORDER BY def_token"
            + " LIMIT ?";
    static final String Q_REF_TOKENS = "SELECT DISTINCT token FROM _refs WHERE token > ? ORDER BY token LIMIT ?";
    static final String Q_UNHASH_NODE = "SELECT id FROM nodes WHERE hash = ?";
    static final String Q_UNHASH = "SELECT name FROM _names WHERE hash = ?";
    static final String Q_META = "SELECT key, value FROM _meta";
    /** What every request needs of _meta, as one row: the first read, which pins the snapshot. */
    static final String Q_META_HOT = "SELECT (SELECT value FROM _meta WHERE key = 'root') r,"
            + " (SELECT value FROM _meta WHERE key = 'generation') g,"
            + " (SELECT value FROM _meta WHERE key = 'committed_at') c"; // short names: the driver fetches them

    private final SqliteGraph graph;
    private final SqliteGraph.ReadConnection rc;
    private final String root;
    private final long generation;
    private final long committedAtNanos;
    private Map<String, String> meta;
    private boolean closed;

    SqliteSnapshot(SqliteGraph graph, SqliteGraph.ReadConnection rc) throws SQLException {
        this.graph = graph;
        this.rc = rc;
        rc.prepare("BEGIN DEFERRED").executeUpdate();
        // the first read starts the read transaction: from here on this snapshot sees one committed state. Every
        // request opens a snapshot, so only the three values each one needs are read here (one row); the rest of
        // _meta is read from the same transaction when asked for.
        try (ResultSet rs = rc.prepare(Q_META_HOT).executeQuery()) {
            rs.next();
            String r = rs.getString(1);
            this.root = r == null ? "0".repeat(64) : r;
            this.generation = rs.getLong(2);
            this.committedAtNanos = rs.getLong(3);
        }
    }

    private Map<String, String> meta() {
        if (meta == null) {
            Map<String, String> m = new HashMap<>();
            try (ResultSet rows = rc.prepare(Q_META).executeQuery()) {
                while (rows.next()) {
                    m.put(rows.getString(1), rows.getString(2));
                }
            } catch (SQLException e) {
                throw failure("meta", "", e);
            }
            meta = m;
        }
        return meta;
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

    private long metaLong(String key) {
        String v = meta().get(key);
        return v == null ? 0 : Long.parseLong(v);
    }

    @Override
    public Optional<Node> node(String id) {
        try {
            int slash = id.lastIndexOf('/');
            if (slash > 0 && Node.isConstructFile(id.substring(slash + 1))) {
                Optional<Node> derived = derivedFile(id.substring(0, slash), id.substring(slash + 1));
                if (derived.isPresent()) {
                    return derived;
                }
            }
            PreparedStatement ps = rc.prepare(Q_NODE);
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(toNode(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("node", id, e);
        }
    }

    /** One of the files of construct {@code constructId}, if that is a construct. */
    private Optional<Node> derivedFile(String constructId, String name) throws SQLException {
        PreparedStatement ps = rc.prepare(Q_CONSTRUCT);
        ps.setString(1, constructId);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            for (Node n : derivedFiles(rs)) {
                if (n.name().equals(name)) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public List<Node> children(String id) {
        try {
            PreparedStatement ps = rc.prepare(Q_CHILDREN);
            ps.setString(1, id);
            return withDerivedFiles(id, nodes(ps), null, Integer.MAX_VALUE);
        } catch (SQLException e) {
            throw failure("children", id, e);
        }
    }

    @Override
    public List<Node> childrenAfter(String id, String afterName, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try {
            PreparedStatement ps = rc.prepare(Q_CHILDREN_AFTER);
            ps.setString(1, id);
            ps.setString(2, afterName == null ? "" : afterName);
            ps.setInt(3, limit);
            return withDerivedFiles(id, nodes(ps), afterName, limit);
        } catch (SQLException e) {
            throw failure("childrenAfter", id, e);
        }
    }

    /**
     * The stored children of {@code id} merged, in name order, with its derived files if it is a construct: those
     * named after {@code afterName}, and no more than {@code limit} entries in all.
     */
    private List<Node> withDerivedFiles(String id, List<Node> stored, String afterName, int limit)
            throws SQLException {
        PreparedStatement ps = rc.prepare(Q_CONSTRUCT);
        ps.setString(1, id);
        List<Node> files;
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return stored;
            }
            files = derivedFiles(rs);
        }
        List<Node> out = new ArrayList<>(stored.size() + files.size());
        int i = 0;
        for (Node f : files) {
            if (afterName != null && f.name().compareTo(afterName) <= 0) {
                continue;
            }
            // the derived names are ASCII, so UTF-16 order agrees with the store's bytewise order against them
            while (i < stored.size() && stored.get(i).name().compareTo(f.name()) < 0) {
                out.add(stored.get(i++));
            }
            out.add(f);
        }
        out.addAll(stored.subList(i, stored.size()));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static List<Node> nodes(PreparedStatement ps) throws SQLException {
        List<Node> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(toNode(rs));
            }
        }
        return out;
    }

    private static Node toNode(ResultSet rs) throws SQLException {
        return new Node(rs.getString(1), rs.getString(2), rs.getString(3), NodeKind.of(rs.getInt(4)), rs.getLong(5),
                rs.getLong(6), rs.getInt(7) != 0);
    }

    /** The files of the construct on the current row, in {@link Node#CONSTRUCT_FILES} order. */
    private static List<Node> derivedFiles(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        long sourceSize = rs.getLong(10) - rs.getLong(9);
        long locationSize = location(rs.getString(8), rs.getInt(11), rs.getInt(12)).length;
        long contextSize = rs.getLong(13);
        long mtime = rs.getLong(14);
        return List.of(
                new Node(id + "/context", id, "context", NodeKind.FILE, contextSize, mtime, false),
                new Node(id + "/location", id, "location", NodeKind.FILE, locationSize, mtime, false),
                new Node(id + "/source", id, "source", NodeKind.FILE, sourceSize, mtime, false));
    }

    /** A construct's {@code location} file: {@code "<repo path>:<first line>:<last line>\n"}. */
    private static byte[] location(String sourceFile, int firstLine, int lastLine) {
        return (sourceFile + ":" + firstLine + ":" + lastLine + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] read(String id, long offset, int length) {
        if (offset < 0 || length <= 0) {
            return new byte[0];
        }
        try {
            int slash = id.lastIndexOf('/');
            if (slash > 0 && Node.isConstructFile(id.substring(slash + 1))) {
                Optional<byte[]> derived = readDerived(id.substring(0, slash), id.substring(slash + 1), offset,
                        length);
                if (derived.isPresent()) {
                    return derived.get();
                }
            }
            PreparedStatement ps = rc.prepare(Q_READ);
            ps.setLong(1, offset);
            ps.setInt(2, length);
            ps.setString(3, id);
            return bytes(ps);
        } catch (SQLException e) {
            throw failure("read", id, e);
        }
    }

    /** Bytes of a construct's file, or empty if {@code constructId} is not a construct. */
    private Optional<byte[]> readDerived(String constructId, String name, long offset, int length)
            throws SQLException {
        if (name.equals("location")) {
            PreparedStatement ps = rc.prepare(Q_CONSTRUCT);
            ps.setString(1, constructId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                byte[] all = location(rs.getString(8), rs.getInt(11), rs.getInt(12));
                int from = (int) Math.min(offset, all.length);
                return Optional.of(Arrays.copyOfRange(all, from, (int) Math.min(all.length, from + (long) length)));
            }
        }
        PreparedStatement ps = rc.prepare(Q_READ_DERIVED);
        ps.setLong(1, offset);
        ps.setInt(2, length);
        ps.setString(3, constructId);
        ps.setString(4, name);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            byte[] bytes = rs.getBytes(1);
            return Optional.of(bytes == null ? new byte[0] : bytes);
        }
    }

    private static byte[] bytes(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new byte[0];
            }
            byte[] bytes = rs.getBytes(1);
            return bytes == null ? new byte[0] : bytes;
        }
    }

    @Override
    public List<Ref> defs(String token) {
        return refList(Q_DEFS, token, "defs");
    }

    @Override
    public List<Ref> refs(String token) {
        return refList(Q_REFS, token, "refs");
    }

    @Override
    public List<Ref> callees(String constructId) {
        return refList(Q_CALLEES, constructId, "callees");
    }

    @Override
    public List<Ref> callers(String constructId) {
        return refList(Q_CALLERS, constructId, "callers");
    }

    private List<Ref> refList(String sql, String key, String op) {
        try {
            PreparedStatement ps = rc.prepare(sql);
            ps.setString(1, key);
            List<Ref> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Ref(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(op, key, e);
        }
    }

    @Override
    public List<String> defTokens(String after, int limit) {
        return tokens(Q_DEF_TOKENS, after, limit);
    }

    @Override
    public List<String> refTokens(String after, int limit) {
        return tokens(Q_REF_TOKENS, after, limit);
    }

    private List<String> tokens(String sql, String after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try {
            PreparedStatement ps = rc.prepare(sql);
            ps.setString(1, after == null ? "" : after);
            ps.setInt(2, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("tokens", after, e);
        }
    }

    @Override
    public Optional<String> unhash(byte[] hash) {
        if (hash.length < 8) {
            return Optional.empty();
        }
        try {
            // node ids carry the first 8 bytes of their hash in nodes (checked in full here: two ids may share
            // those); tokens are in _names
            PreparedStatement ps = rc.prepare(Q_UNHASH_NODE);
            ps.setLong(1, StoreSchema.hashKey(hash));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (Arrays.equals(Names.hash128(id), hash)) {
                        return Optional.of(id);
                    }
                }
            }
            ps = rc.prepare(Q_UNHASH);
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(rs.getString(1));
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw failure("unhash", "", e);
        }
    }

    @Override
    public Stats stats() {
        return new Stats(metaLong(StoreSchema.META_FILES), metaLong(StoreSchema.META_CONSTRUCTS),
                metaLong(StoreSchema.META_REFERENCES), metaLong(StoreSchema.META_NODES),
                meta().getOrDefault(StoreSchema.META_PHASE, "unknown"));
    }

    private StoreException failure(String op, String key, SQLException e) {
        return new StoreException(op + "(" + key + ") failed on " + graph.describe() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rc.prepare("COMMIT").executeUpdate();
        } catch (SQLException e) {
            rc.closeQuietly();
            return;
        }
        graph.release(rc);
    }
}
