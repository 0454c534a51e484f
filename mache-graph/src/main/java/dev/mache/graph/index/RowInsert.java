package dev.mache.graph.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * One prepared INSERT, executed once per row: bind each value by position, then {@link #execute}.
 *
 * <p>The indexer writes about two million rows per large tree. Through JDBC each row costs several layers per
 * value in the driver (an Object[] of parameters, a type switch, a timeout wrapper, a lock per call) before the
 * native bind; measured on the JDK's 405k {@code nodes} rows that was more than SQLite's own work. So where it can,
 * this binds through the driver's native statement handle directly ({@link Direct}: one JNI call per value, as the
 * driver itself ends up making), and falls back to a {@link PreparedStatement} otherwise ({@link Jdbc}). The
 * system property {@code mache.store.jdbcInserts=true} forces the fallback.
 */
sealed interface RowInsert extends AutoCloseable permits RowInsert.Direct, RowInsert.Jdbc {

    void text(int index, String value) throws SQLException;

    void integer(int index, long value) throws SQLException;

    void blob(int index, byte[] value) throws SQLException;

    void nul(int index) throws SQLException;

    /** Inserts the row; every value of the row must have been bound since the last execute. */
    void execute() throws SQLException;

    @Override
    void close() throws SQLException;

    /** A nullable text value. */
    default void textOrNull(int index, String value) throws SQLException {
        if (value == null) {
            nul(index);
        } else {
            text(index, value);
        }
    }

    static RowInsert prepare(Connection c, String sql) throws SQLException {
        if (Direct.AVAILABLE) {
            return new Direct(c, sql);
        }
        return new Jdbc(c.prepareStatement(sql));
    }

    /** Through the JDBC API: the fallback. */
    final class Jdbc implements RowInsert {
        private final PreparedStatement ps;

        Jdbc(PreparedStatement ps) {
            this.ps = ps;
        }

        @Override
        public void text(int index, String value) throws SQLException {
            ps.setString(index, value);
        }

        @Override
        public void integer(int index, long value) throws SQLException {
            ps.setLong(index, value);
        }

        @Override
        public void blob(int index, byte[] value) throws SQLException {
            if (value == null) {
                ps.setNull(index, Types.BLOB);
            } else {
                ps.setBytes(index, value);
            }
        }

        @Override
        public void nul(int index) throws SQLException {
            ps.setNull(index, Types.NULL);
        }

        @Override
        public void execute() throws SQLException {
            ps.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            ps.close();
        }
    }

    /**
     * Through the native statement of sqlite-jdbc (org.xerial 3.54.1.0): its {@code NativeDB} prepare, bind, step,
     * reset and finalize methods, which are package-private, reached once by reflection. {@link #AVAILABLE} is
     * false when they are missing (another driver version), and {@link #prepare} uses {@link Jdbc} then.
     */
    final class Direct implements RowInsert {
        private static final Logger LOG = LoggerFactory.getLogger(RowInsert.class);
        private static final int SQLITE_OK = 0;
        private static final int SQLITE_DONE = 101;
        static final boolean AVAILABLE;
        private static final MethodHandle PREPARE;
        private static final MethodHandle BIND_NULL;
        private static final MethodHandle BIND_LONG;
        private static final MethodHandle BIND_TEXT;
        private static final MethodHandle BIND_BLOB;
        private static final MethodHandle STEP;
        private static final MethodHandle RESET;
        private static final MethodHandle FINALIZE;
        private static final MethodHandle ERRMSG;

        static {
            MethodHandle[] h = new MethodHandle[9];
            boolean ok;
            try {
                Class<?> nativeDb = Class.forName("org.sqlite.core.NativeDB");
                h[0] = handle(nativeDb, "prepare_utf8", byte[].class);
                h[1] = handle(nativeDb, "bind_null", long.class, int.class);
                h[2] = handle(nativeDb, "bind_long", long.class, int.class, long.class);
                h[3] = handle(nativeDb, "bind_text_utf8", long.class, int.class, byte[].class);
                h[4] = handle(nativeDb, "bind_blob", long.class, int.class, byte[].class);
                h[5] = handle(nativeDb, "step", long.class);
                h[6] = handle(nativeDb, "reset", long.class);
                h[7] = handle(nativeDb, "finalize", long.class);
                h[8] = handle(nativeDb, "errmsg");
                ok = !Boolean.getBoolean("mache.store.jdbcInserts");
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("sqlite-jdbc's native statement is not reachable ({}): rows go through JDBC", e.toString());
                ok = false;
            }
            AVAILABLE = ok;
            PREPARE = h[0];
            BIND_NULL = h[1];
            BIND_LONG = h[2];
            BIND_TEXT = h[3];
            BIND_BLOB = h[4];
            STEP = h[5];
            RESET = h[6];
            FINALIZE = h[7];
            ERRMSG = h[8];
        }

        private static MethodHandle handle(Class<?> c, String name, Class<?>... params)
                throws ReflectiveOperationException {
            Method m = c.getDeclaredMethod(name, params);
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m);
        }

        private final Object db;
        private final String sql;
        private long stmt;

        Direct(Connection c, String sql) throws SQLException {
            this.db = c.unwrap(org.sqlite.SQLiteConnection.class).getDatabase();
            this.sql = sql;
            try {
                this.stmt = (long) PREPARE.invoke(db, sql.getBytes(StandardCharsets.UTF_8));
            } catch (SQLException e) {
                throw e;
            } catch (Throwable t) {
                throw new SQLException("preparing " + sql + ": " + t, t);
            }
        }

        @Override
        public void text(int index, String value) throws SQLException {
            int rc;
            try {
                rc = (int) BIND_TEXT.invoke(db, stmt, index, value.getBytes(StandardCharsets.UTF_8));
            } catch (Throwable t) {
                throw failure(t);
            }
            check(rc);
        }

        @Override
        public void integer(int index, long value) throws SQLException {
            int rc;
            try {
                rc = (int) BIND_LONG.invoke(db, stmt, index, value);
            } catch (Throwable t) {
                throw failure(t);
            }
            check(rc);
        }

        @Override
        public void blob(int index, byte[] value) throws SQLException {
            if (value == null) {
                nul(index);
                return;
            }
            int rc;
            try {
                rc = (int) BIND_BLOB.invoke(db, stmt, index, value);
            } catch (Throwable t) {
                throw failure(t);
            }
            check(rc);
        }

        @Override
        public void nul(int index) throws SQLException {
            int rc;
            try {
                rc = (int) BIND_NULL.invoke(db, stmt, index);
            } catch (Throwable t) {
                throw failure(t);
            }
            check(rc);
        }

        @Override
        public void execute() throws SQLException {
            int rc;
            try {
                rc = (int) STEP.invoke(db, stmt);
                RESET.invoke(db, stmt); // keeps the connection's error message for error()
            } catch (Throwable t) {
                throw failure(t);
            }
            if (rc != SQLITE_DONE) {
                throw error(rc);
            }
        }

        @Override
        public void close() throws SQLException {
            if (stmt == 0) {
                return;
            }
            try {
                FINALIZE.invoke(db, stmt);
            } catch (Throwable t) {
                throw failure(t);
            } finally {
                stmt = 0;
            }
        }

        private void check(int rc) throws SQLException {
            if (rc != SQLITE_OK) {
                throw error(rc);
            }
        }

        private SQLException error(int rc) {
            String message;
            try {
                message = (String) ERRMSG.invoke(db);
            } catch (Throwable t) {
                message = "(no message: " + t + ")";
            }
            return new SQLException("[" + rc + "] " + message + " (" + sql + ")", null, rc);
        }

        private SQLException failure(Throwable t) {
            return t instanceof SQLException e ? e : new SQLException(sql + ": " + t, t);
        }
    }
}
