package dev.mache.graph.index;

import dev.mache.graph.Names;
import dev.mache.graph.Node;
import dev.mache.graph.store.StoreSchema;
import org.sqlite.SQLiteConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The one writer connection: prepared statements for every row the indexer writes, and the commit bookkeeping. */
final class StoreWriter implements AutoCloseable {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final Connection c;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<String, RowInsert> inserts = new HashMap<>();
    private boolean bulk;
    /** Row count changes of this transaction, so a commit needs no count(*) over big tables. */
    long nodesDelta;
    long defsDelta;
    long refsDelta;
    long filesDelta;
    /** The next {@code _refs.ref_id}; 0 until the first insert reads it from the store. */
    private long nextRefId;
    /** The next {@code nodes.rid}; 0 until the first insert reads it from the store. */
    private long nextNodeRid;

    private StoreWriter(Connection c) {
        this.c = c;
    }

    /** A new store file for a bulk load: no journal (a failed build is thrown away), indexes from the start. */
    static StoreWriter createFresh(Path db) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.OFF);
        config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
        config.setPageSize(8192);
        // temp_store stays FILE: the _names sort spills to temp files (page cache) instead of this process's memory
        config.setCacheSize(-131072);
        config.setGetGeneratedKeys(false); // else the driver runs a SELECT after every INSERT
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
        c.setAutoCommit(false);
        StoreSchema.createTables(c);
        StoreSchema.createIndexes(c);
        try (Statement s = c.createStatement()) {
            // hashes arrive in random order: collect them here and insert them sorted at the end
            s.executeUpdate("CREATE TABLE _names_load(hash BLOB, name TEXT)");
        }
        StoreWriter w = new StoreWriter(c);
        w.bulk = true;
        return w;
    }

    /** The existing store, in WAL mode so readers keep their snapshots while this writer commits. */
    static StoreWriter openExisting(Path db) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        config.setCacheSize(-65536);
        config.setGetGeneratedKeys(false);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA mmap_size=268435456");
        }
        c.setAutoCommit(false);
        return new StoreWriter(c);
    }

    Connection connection() {
        return c;
    }

    /** A cached INSERT of the writer's (see {@link RowInsert}: the rows of a bulk load are most of its time). */
    RowInsert insert(String sql) throws SQLException {
        RowInsert ins = inserts.get(sql);
        if (ins == null) {
            ins = RowInsert.prepare(c, sql);
            inserts.put(sql, ins);
        }
        return ins;
    }

    PreparedStatement ps(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    static byte[] hash128(String s) {
        MessageDigest md = SHA256.get();
        byte[] full = md.digest(s.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[16];
        System.arraycopy(full, 0, out, 0, 16);
        return out;
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(SHA256.get().digest(bytes));
    }

    // ---- inserts

    void insertNode(Projection.NodeRow r) throws SQLException {
        insertNode(r, null);
    }

    /**
     * A node row, with the construct's definition when it has one (node_defs is a view of those columns); returns
     * the row's {@code rid}, which the construct's reference rows name it by.
     */
    long insertNode(Projection.NodeRow r, Projection.DefRow def) throws SQLException {
        if (nextNodeRid == 0) {
            nextNodeRid = count("SELECT coalesce(max(rid), 0) + 1 FROM nodes");
        }
        long rid = nextNodeRid++;
        RowInsert ps = insert("INSERT INTO nodes(id, parent_id, name, kind, size, mtime, record_id, record,"
                + " source_file, construct, src_start, src_end, slot, slot_order, hash, line_start, line_end,"
                + " ctx_start, ctx_len, leaf_mtime, rid, def_token, def_container, def_kind, def_lang,"
                + " def_namespace, def_container_token, def_top_token, def_result_type)"
                + " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        ps.text(1, r.id());
        ps.text(2, r.parentId());
        ps.text(3, r.name());
        ps.integer(4, r.dir() ? 1 : 0);
        ps.integer(5, r.size());
        ps.integer(6, r.mtime());
        ps.textOrNull(7, r.recordId());
        ps.blob(8, r.record());
        ps.textOrNull(9, r.sourceFile());
        ps.integer(10, r.construct() ? 1 : 0);
        if (r.srcStart() < 0) {
            ps.nul(11);
            ps.nul(12);
        } else {
            ps.integer(11, r.srcStart());
            ps.integer(12, r.srcEnd());
        }
        ps.textOrNull(13, r.slot());
        if (r.slot() == null) {
            ps.nul(14);
        } else {
            ps.integer(14, r.slotOrder());
        }
        ps.integer(15, StoreSchema.hashKey(r.hash()));
        if (r.construct()) {
            ps.integer(16, r.lineStart());
            ps.integer(17, r.lineEnd());
            if (r.ctxStart() < 0) {
                ps.nul(18);
            } else {
                ps.integer(18, r.ctxStart());
            }
            ps.integer(19, r.ctxLen());
            ps.integer(20, r.mtime());
        } else {
            for (int i = 16; i <= 20; i++) {
                ps.nul(i);
            }
        }
        ps.integer(21, rid);
        if (def == null) {
            for (int i = 22; i <= 29; i++) {
                ps.nul(i);
            }
        } else {
            ps.text(22, def.token());
            ps.textOrNull(23, def.containerNodeId());
            ps.textOrNull(24, def.kind());
            ps.textOrNull(25, def.lang());
            ps.textOrNull(26, def.namespace());
            ps.textOrNull(27, def.containerToken());
            ps.textOrNull(28, def.topToken());
            ps.textOrNull(29, def.resultType());
            defsDelta++;
        }
        ps.execute();
        // the tree's node count includes a construct's three derived files
        nodesDelta += r.construct() ? 1 + Node.CONSTRUCT_FILES.size() : 1;
        return rid;
    }

    void insertDir(String id, long mtime) throws SQLException {
        insertNode(new Projection.NodeRow(id, Projection.parentOf(id), id.isEmpty() ? "" : Projection.lastSegment(id),
                true, 0, mtime, null, null, null, false, -1, -1, null, 0));
    }

    void insertName(String name) throws SQLException {
        insertName(hash128(name), name);
    }

    void insertName(byte[] hash, String name) throws SQLException {
        RowInsert ps = insert(bulk ? "INSERT INTO _names_load(hash, name) VALUES(?, ?)"
                : "INSERT OR IGNORE INTO _names(hash, name) VALUES(?, ?)");
        ps.blob(1, hash);
        ps.text(2, name);
        ps.execute();
    }

    /**
     * A reference row: one construct's uses of one token, with all their sites ({@link Sites}, one per line); the
     * construct is named by its row's {@code rid}. Its {@code ref_id} is assigned here, in insertion order; what it
     * resolves to goes in with {@link #insertTarget}.
     */
    long insertRef(String token, long construct, String qualifier, String sites) throws SQLException {
        if (nextRefId == 0) {
            nextRefId = count("SELECT coalesce(max(ref_id), 0) + 1 FROM _refs");
        }
        long id = nextRefId++;
        RowInsert ps = insert("INSERT INTO _refs(ref_id, token, construct, qualifier, sites) VALUES(?,?,?,?,?)");
        ps.integer(1, id);
        ps.text(2, token);
        ps.integer(3, construct);
        ps.textOrNull(4, qualifier);
        ps.textOrNull(5, sites);
        ps.execute();
        refsDelta++;
        return id;
    }

    /** One construct that reference {@code refId} resolves to, with the sites that led there. */
    void insertTarget(long refId, String target, String qualifier, String sites) throws SQLException {
        RowInsert ps = insert("INSERT INTO node_ref_targets(ref_id, target_id, qualifier, sites) VALUES(?,?,?,?)");
        ps.integer(1, refId);
        ps.text(2, target);
        ps.textOrNull(3, qualifier);
        ps.textOrNull(4, sites);
        ps.execute();
    }

    void insertSource(Projection.FileProjection fp) throws SQLException {
        RowInsert ps = insert("INSERT INTO _source(id, language, content, path, content_hash, namespace,"
                + " imports, context) VALUES(?,?,?,?,?,?,?,?)");
        ps.text(1, fp.repoPath());
        ps.textOrNull(2, fp.language());
        ps.blob(3, fp.content());
        ps.text(4, fp.repoPath());
        ps.text(5, fp.contentHash());
        ps.textOrNull(6, fp.namespace());
        ps.textOrNull(7, fp.parsed() == null ? null : String.join("\n", fp.imports()));
        ps.blob(8, fp.context());
        ps.execute();
    }

    void insertFileIndex(String path, long mtime, long size, String hash) throws SQLException {
        RowInsert ps = insert("INSERT OR REPLACE INTO _file_index(path, mtime, size, content_hash) VALUES(?,?,?,?)");
        ps.text(1, path);
        ps.integer(2, mtime);
        ps.integer(3, size);
        ps.textOrNull(4, hash);
        ps.execute();
        filesDelta++;
    }

    void putMeta(String key, String value) throws SQLException {
        PreparedStatement ps = ps("INSERT OR REPLACE INTO _meta(key, value) VALUES(?, ?)");
        ps.setString(1, key);
        ps.setString(2, value);
        ps.executeUpdate();
    }

    String meta(String key) throws SQLException {
        PreparedStatement ps = ps("SELECT value FROM _meta WHERE key = ?");
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    long count(String sql) throws SQLException {
        try (ResultSet rs = ps(sql).executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Writes generation, root, commit time, phase and counts. The root is the SHA-256 of the schema version and
     * every indexed file's path and content hash in path order: equal content gives an equal root.
     */
    void writeCommitMeta(long generation, long committedAt, String sourceRoot) throws SQLException {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update((StoreSchema.SCHEMA_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
        try (ResultSet rs = ps("SELECT path, content_hash FROM _file_index ORDER BY path").executeQuery()) {
            while (rs.next()) {
                md.update(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                String h = rs.getString(2);
                md.update((h == null ? "" : h).getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
        }
        putMeta(StoreSchema.META_ROOT, HexFormat.of().formatHex(md.digest()));
        putMeta(StoreSchema.META_GENERATION, Long.toString(generation));
        putMeta(StoreSchema.META_COMMITTED_AT, Long.toString(committedAt));
        putMeta(StoreSchema.META_PHASE, "ready");
        putMeta(StoreSchema.META_SCHEMA_VERSION, StoreSchema.SCHEMA_VERSION);
        putMeta(StoreSchema.META_SOURCE_ROOT, sourceRoot);
        putMeta(StoreSchema.META_FILES, Long.toString(metaLong(StoreSchema.META_FILES) + filesDelta));
        putMeta(StoreSchema.META_CONSTRUCTS, Long.toString(metaLong(StoreSchema.META_CONSTRUCTS) + defsDelta));
        putMeta(StoreSchema.META_REFERENCES, Long.toString(metaLong(StoreSchema.META_REFERENCES) + refsDelta));
        putMeta(StoreSchema.META_NODES, Long.toString(metaLong(StoreSchema.META_NODES) + nodesDelta));
        filesDelta = defsDelta = refsDelta = nodesDelta = 0;
    }

    long metaLong(String key) throws SQLException {
        String v = meta(key);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** Ends a bulk load: moves the collected hashes into {@code _names} in key order. */
    void finishBulkLoad() throws SQLException {
        if (!bulk) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT OR IGNORE INTO _names(hash, name) SELECT hash, name FROM _names_load ORDER BY hash");
            s.executeUpdate("DROP TABLE _names_load");
        }
        bulk = false;
    }

    // ---- incremental lookups

    record IndexedFile(long mtime, long size, String hash) {
    }

    Map<String, IndexedFile> loadFileIndex() throws SQLException {
        Map<String, IndexedFile> out = new HashMap<>();
        try (ResultSet rs = ps("SELECT path, mtime, size, content_hash FROM _file_index").executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new IndexedFile(rs.getLong(2), rs.getLong(3), rs.getString(4)));
            }
        }
        return out;
    }

    boolean nodeExists(String id) throws SQLException {
        PreparedStatement ps = ps("SELECT 1 FROM nodes WHERE id = ?");
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    record SlotMember(String file, int offset, String name) {
    }

    List<SlotMember> slotMembers(String slot) throws SQLException {
        PreparedStatement ps = ps("SELECT source_file, slot_order, name FROM nodes WHERE slot = ?");
        ps.setString(1, slot);
        List<SlotMember> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new SlotMember(rs.getString(1), rs.getInt(2), rs.getString(3)));
            }
        }
        return out;
    }

    List<String> slotsOf(String file) throws SQLException {
        PreparedStatement ps = ps("SELECT slot FROM nodes WHERE source_file = ? AND slot IS NOT NULL");
        ps.setString(1, file);
        return strings(ps);
    }

    byte[] sourceContent(String file) throws SQLException {
        PreparedStatement ps = ps("SELECT content FROM _source WHERE id = ?");
        ps.setString(1, file);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    List<String> strings(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    void commit() throws SQLException {
        c.commit();
    }

    void rollbackQuietly() {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next; nothing was committed
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : statements.values()) {
            ps.close();
        }
        statements.clear();
        for (RowInsert ins : inserts.values()) {
            ins.close();
        }
        inserts.clear();
        c.close();
    }
}
