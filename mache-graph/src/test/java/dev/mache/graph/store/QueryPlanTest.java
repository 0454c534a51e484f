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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Snapshot operation is a point or range lookup on an index: no table scan, no sort. */
class QueryPlanTest {
    @Test
    void everySnapshotQuerySearchesAnIndex(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("store.db");
        StandardFixture.build(tmp.resolve("src"), db);
        Map<String, String> queries = Map.of(
                "node", SqliteSnapshot.Q_NODE,
                "children", SqliteSnapshot.Q_CHILDREN,
                "childrenAfter", SqliteSnapshot.Q_CHILDREN_AFTER,
                "read", SqliteSnapshot.Q_READ,
                "defs", SqliteSnapshot.Q_DEFS,
                "refs", SqliteSnapshot.Q_REFS,
                "callees", SqliteSnapshot.Q_CALLEES,
                "callers", SqliteSnapshot.Q_CALLERS,
                "defTokens", SqliteSnapshot.Q_DEF_TOKENS,
                "refTokens", SqliteSnapshot.Q_REF_TOKENS);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            queries = new java.util.TreeMap<>(queries);
            queries.put("unhash", SqliteSnapshot.Q_UNHASH);
            queries.put("unhashNode", SqliteSnapshot.Q_UNHASH_NODE);
            for (Map.Entry<String, String> q : queries.entrySet()) {
                List<String> plan = new ArrayList<>();
                try (var ps = c.prepareStatement("EXPLAIN QUERY PLAN " + q.getValue())) {
                    int params = ps.getParameterMetaData().getParameterCount();
                    for (int i = 1; i <= params; i++) {
                        ps.setString(i, "x");
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.add(rs.getString("detail"));
                        }
                    }
                }
                assertFalse(plan.isEmpty(), q.getKey());
                for (String step : plan) {
                    boolean indexed = step.startsWith("SEARCH ") && (step.contains("USING INDEX")
                            || step.contains("USING COVERING INDEX") || step.contains("USING PRIMARY KEY")
                            || step.contains("USING INTEGER PRIMARY KEY"));
                    boolean distinctOnIndex = q.getKey().endsWith("Tokens") && step.startsWith("SEARCH ");
                    // callers and callees join a construct's reference rows with their targets, defs and refs
                    // find a token's rows by the token alone (smaller indexes to write): each orders what it
                    // found, a sort of one answer's rows, never of a table
                    boolean answerSort = (q.getKey().equals("callees") || q.getKey().equals("callers")
                            || q.getKey().equals("refs") || q.getKey().equals("defs"))
                            && step.startsWith("USE TEMP B-TREE FOR ");
                    boolean structural = step.startsWith("CORRELATED SCALAR SUBQUERY") || step.startsWith("CO-ROUTINE")
                            || step.equals("SCAN t") // the subquery's own rows, not a table
                            || answerSort;
                    assertTrue(indexed || distinctOnIndex || structural,
                            q.getKey() + ": " + plan);
                    assertFalse(step.contains("TEMP B-TREE") && !answerSort, q.getKey() + " sorts: " + plan);
                }
            }
        }
    }
}
