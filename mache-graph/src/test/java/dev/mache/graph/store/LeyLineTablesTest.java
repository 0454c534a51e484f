package dev.mache.graph.store;

import dev.mache.graph.StandardFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ley-line tables as another tool of that ecosystem reads them: {@code node_defs} and {@code node_refs} with
 * their contract columns, although mache keeps a definition on its construct's row and names a reference's
 * construct by row id.
 */
class LeyLineTablesTest {
    @Test
    void nodeDefsAndNodeRefsAnswerWithTheContractColumns(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("store.db");
        StandardFixture.build(tmp.resolve("src"), db);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            // one definition per construct (a.one.toy's class and methods, the two baz and two helper functions)
            assertEquals(List.of(
                    "Foo|toy/demo/classes/Foo|a/one.toy|null|class",
                    "bar|toy/demo/classes/Foo/methods/bar()|a/one.toy|toy/demo/classes/Foo|method",
                    "bar|toy/demo/classes/Foo/methods/bar(int)|a/one.toy|toy/demo/classes/Foo|method",
                    "baz|toy/demo/functions/baz()|a/one.toy|null|function",
                    "baz|toy/demo/functions/baz()~2|b/two.toy|null|function",
                    "helper|toy/demo/functions/helper()|b/two.toy|null|function",
                    "helper|toy/lib/functions/helper()|lib/three.toy|null|function"),
                    rows(c, "SELECT token, node_id, source_id, container_node_id, canonical_kind"
                            + " FROM node_defs ORDER BY node_id"));
            // one row per (construct, token): bar(int) calls baz and helper, baz() calls Foo.bar and external,
            // b/two.toy's helper calls baz
            assertEquals(List.of(
                    "baz|toy/demo/classes/Foo/methods/bar(int)|a/one.toy|null|null",
                    "helper|toy/demo/classes/Foo/methods/bar(int)|a/one.toy|null|null",
                    "bar|toy/demo/functions/baz()|a/one.toy|null|Foo",
                    "external|toy/demo/functions/baz()|a/one.toy|null|null",
                    "baz|toy/demo/functions/helper()|b/two.toy|null|null"),
                    rows(c, "SELECT token, node_id, source_id, container_node_id, qualifier"
                            + " FROM node_refs ORDER BY node_id, token"));
            assertEquals(List.of("toy/demo/classes/Foo/methods/bar(int)", "toy/demo/functions/helper()"),
                    rows(c, "SELECT node_id FROM node_refs WHERE token = 'baz' ORDER BY node_id"));
            assertEquals(List.of("toy/lib/functions/helper()"),
                    rows(c, "SELECT node_id FROM node_defs WHERE token = 'helper' AND source_id = 'lib/three.toy'"));
        }
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}
