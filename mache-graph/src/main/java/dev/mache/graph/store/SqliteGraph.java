package dev.mache.graph.store;

import dev.mache.graph.Graph;
import dev.mache.graph.Snapshot;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded {@link Graph}: a mache SQLite store in WAL mode read through a small pool of read-only connections.
 * {@link #open()} begins a read transaction and performs a first read, which pins the snapshot: the indexer's
 * commits that land afterwards are invisible to it until it is closed. Thread-safe; each snapshot is used by one
 * request at a time.
 */
public final class SqliteGraph implements Graph {
    /** Idle connections kept for reuse; more are opened on demand and closed when returned to a full pool. */
    private static final int MAX_IDLE = 16;

    private final Path db;
    private final String url;
    private final ConcurrentLinkedDeque<ReadConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteGraph(Path db) {
        this.db = db;
        this.url = "jdbc:sqlite:" + db;
    }

    /**
     * Opens the store at {@code db}.
     *
     * @throws StoreException if the file is missing or is not a mache store (or has another schema version)
     */
    public static SqliteGraph open(Path db) {
        Path abs = db.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new StoreException("no mache store at " + abs + " (run `mache index` first)");
        }
        SqliteGraph graph = new SqliteGraph(abs);
        ReadConnection probe;
        try {
            probe = graph.newConnection();
        } catch (StoreException e) {
            throw new StoreException(abs + " is not a mache store: " + e.getCause().getMessage(), e.getCause());
        }
        try {
            String version = probe.meta(StoreSchema.META_SCHEMA_VERSION);
            if (version == null) {
                throw new StoreException(abs + " is not a finished mache store (no schema_version in _meta)");
            }
            if (!StoreSchema.SCHEMA_VERSION.equals(version)) {
                throw new StoreException(abs + " has store schema " + version + ", this mache reads "
                        + StoreSchema.SCHEMA_VERSION + " (re-index it)");
            }
        } catch (SQLException e) {
            probe.closeQuietly();
            throw new StoreException(abs + " is not a mache store: " + e.getMessage(), e);
        } catch (StoreException e) {
            probe.closeQuietly();
            throw e;
        }
        graph.release(probe);
        return graph;
    }

    @Override
    public Snapshot open() {
        if (closed.get()) {
            throw new IllegalStateException("graph closed: " + db);
        }
        ReadConnection rc = idle.pollFirst();
        if (rc != null) {
            idleCount.decrementAndGet();
        } else {
            rc = newConnection();
        }
        try {
            return new SqliteSnapshot(this, rc);
        } catch (SQLException e) {
            rc.closeQuietly();
            throw new StoreException("cannot open a snapshot of " + db + ": " + e.getMessage(), e);
        }
    }

    void release(ReadConnection rc) {
        if (closed.get() || idleCount.get() >= MAX_IDLE) {
            rc.closeQuietly();
            return;
        }
        idleCount.incrementAndGet();
        idle.addFirst(rc);
        if (closed.get() && idle.remove(rc)) {
            rc.closeQuietly();
        }
    }

    private ReadConnection newConnection() {
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setOpenMode(SQLiteOpenMode.NOMUTEX);
            config.setBusyTimeout(10_000);
            config.setSharedCache(false);
            // nothing here inserts: without this the driver regex-matches every statement (BEGIN, COMMIT) for keys
            config.setGetGeneratedKeys(false);
            Connection c = DriverManager.getConnection(url, config.toProperties());
            try (var s = c.createStatement()) {
                s.execute("PRAGMA mmap_size=268435456");
                s.execute("PRAGMA cache_size=-16384");
                s.execute("PRAGMA query_only=1");
            }
            return new ReadConnection(c);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + db + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "sqlite:" + db;
    }

    public Path path() {
        return db;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ReadConnection rc;
            while ((rc = idle.pollFirst()) != null) {
                rc.closeQuietly();
            }
        }
    }

    /** One pooled connection and its prepared statements, reused across snapshots. */
    static final class ReadConnection {
        final Connection connection;
        private final java.util.Map<String, PreparedStatement> statements = new java.util.HashMap<>();

        ReadConnection(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement ps = statements.get(sql);
            if (ps == null) {
                ps = connection.prepareStatement(sql);
                statements.put(sql, ps);
            }
            return ps;
        }

        String meta(String key) throws SQLException {
            PreparedStatement ps = prepare("SELECT value FROM _meta WHERE key = ?");
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }

        void closeQuietly() {
            try {
                for (PreparedStatement ps : statements.values()) {
                    ps.close();
                }
                connection.close();
            } catch (SQLException ignored) {
                // closing a read-only connection loses nothing
            }
        }
    }
}
