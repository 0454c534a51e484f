package dev.mache.ipc.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The {@code query} op over a SQLite store file, on a read-only connection (SQLite refuses every write on it, so
 * an {@code INSERT} or {@code DROP} fails with the database's own error). One connection per query: queries are a
 * debugging aid, not a hot path.
 */
public final class SqliteQueryHandler implements QueryHandler {
    private final Path database;

    public SqliteQueryHandler(Path database) {
        this.database = database;
    }

    @Override
    public Result query(String sql, int limit) throws SQLException {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        Properties props = config.toProperties();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath(), props);
             Statement st = c.createStatement()) {
            st.setMaxRows(limit + 1);
            try (ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                }
                List<List<String>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == limit) {
                        truncated = true;
                        break;
                    }
                    List<String> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return new Result(columns, rows, truncated);
            }
        }
    }
}
