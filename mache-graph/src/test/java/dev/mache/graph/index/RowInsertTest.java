package dev.mache.graph.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both ways of inserting a row store exactly what JDBC would, and a failed insert is an SQLException. */
class RowInsertTest {
    @TempDir
    Path tmp;

    @Test
    void thePinnedDriverIsBoundDirectly() throws Exception {
        // the direct path is what makes a bulk load's writer fast: a driver upgrade that hides it must fail here,
        // not silently make indexing slower
        assertTrue(RowInsert.Direct.AVAILABLE);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("a.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(a)");
            try (RowInsert ins = RowInsert.prepare(c, "INSERT INTO t(a) VALUES(?)")) {
                assertInstanceOf(RowInsert.Direct.class, ins);
            }
        }
    }

    @Test
    void directRowsEqualJdbcRows() throws Exception {
        assertEquals(List.of(
                        "1|text|héllo 👋 \"q\" \\ \u0001|blob|00ff10|null|null",
                        "2|integer|-9223372036854775808|integer|9223372036854775807|text|",
                        "3|null|null|blob||text|a\nb"),
                roundTrip(false));
        assertEquals(roundTrip(true), roundTrip(false));
    }

    @Test
    void aFailedInsertIsAnSqlExceptionAndTheStatementStaysUsable() throws Exception {
        for (boolean jdbc : new boolean[]{false, true}) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("u" + jdbc + ".db"));
                 Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE u(k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
                try (RowInsert ins = jdbc ? new RowInsert.Jdbc(c.prepareStatement("INSERT INTO u(k, v) VALUES(?, ?)"))
                        : RowInsert.prepare(c, "INSERT INTO u(k, v) VALUES(?, ?)")) {
                    ins.integer(1, 1);
                    ins.text(2, "one");
                    ins.execute();
                    ins.integer(1, 1);
                    ins.text(2, "again");
                    SQLException e = assertThrows(SQLException.class, ins::execute);
                    assertTrue(e.getMessage().contains("UNIQUE constraint failed: u.k"), e.getMessage());
                    ins.integer(1, 2);
                    ins.nul(2);
                    e = assertThrows(SQLException.class, ins::execute);
                    assertTrue(e.getMessage().contains("NOT NULL constraint failed: u.v"), e.getMessage());
                    ins.integer(1, 2);
                    ins.text(2, "two");
                    ins.execute();
                }
                try (ResultSet rs = s.executeQuery("SELECT group_concat(k || '=' || v, ',') FROM u")) {
                    assertEquals("1=one,2=two", rs.getString(1), "jdbc=" + jdbc);
                }
            }
        }
    }

    /** Three rows of mixed values through one kind of insert, read back with their SQLite types. */
    private List<String> roundTrip(boolean jdbc) throws Exception {
        Path db = tmp.resolve(jdbc ? "jdbc.db" : "direct.db");
        java.nio.file.Files.deleteIfExists(db);
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE r(id INTEGER PRIMARY KEY, a, b, c)");
            c.setAutoCommit(false);
            String sql = "INSERT INTO r(id, a, b, c) VALUES(?, ?, ?, ?)";
            try (RowInsert ins = jdbc ? new RowInsert.Jdbc(c.prepareStatement(sql)) : RowInsert.prepare(c, sql)) {
                ins.integer(1, 1);
                ins.text(2, "héllo 👋 \"q\" \\ \u0001");
                ins.blob(3, new byte[]{0, (byte) 0xff, 0x10});
                ins.textOrNull(4, null);
                ins.execute();
                ins.integer(1, 2);
                ins.integer(2, Long.MIN_VALUE);
                ins.integer(3, Long.MAX_VALUE);
                ins.text(4, "");
                ins.execute();
                ins.integer(1, 3);
                ins.nul(2);
                ins.blob(3, new byte[0]);
                ins.textOrNull(4, "a\nb");
                ins.execute();
            }
            c.commit();
            try (ResultSet rs = s.executeQuery("SELECT id, typeof(a), a, typeof(b), b, typeof(c), c FROM r ORDER BY id")) {
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder().append(rs.getLong(1));
                    for (int col = 2; col <= 7; col += 2) {
                        String type = rs.getString(col);
                        sb.append('|').append(type).append('|');
                        if (type.equals("blob")) {
                            sb.append(java.util.HexFormat.of().formatHex(rs.getBytes(col + 1)));
                        } else {
                            sb.append(rs.getString(col + 1));
                        }
                    }
                    out.add(sb.toString());
                }
            }
        }
        return out;
    }
}
