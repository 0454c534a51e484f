package dev.mache.graph.index;

import dev.mache.graph.ExpectedCallGraph;

import dev.mache.graph.Names;
import dev.mache.graph.Ref;
import dev.mache.graph.Snapshot;
import dev.mache.graph.store.SqliteGraph;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end with the real languages: indexes each fixture repository of the langs work and compares the stored
 * call graph with its hand-checked {@code EXPECTED.md} (callers and callees of the constructs listed there).
 * The edges must match exactly in every language: every expected edge found, none beyond them. An instantiation
 * lists the constructor it calls, or the class when it declares none (C#'s {@code new Circle.Builder()}, Kotlin's
 * {@code Circle(r)}).
 */
class FixtureCallGraphTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static void compare(String what, TreeSet<String> expected, TreeSet<String> actual,
                                List<String> problems) {
        for (String e : expected) {
            if (!actual.contains(e)) {
                problems.add(what + "missing " + e);
            }
        }
        for (String a : actual) {
            if (!expected.contains(a)) {
                problems.add(what + "unexpected " + a);
            }
        }
    }

    /** {@code java/shapes/classes/Circle/methods/area()} → {@code shapes.Circle.area()}. */
    static String qualified(String nodeId) {
        String[] seg = nodeId.split("/");
        StringBuilder sb = new StringBuilder(Names.unescape(seg[1]));
        for (int i = 3; i < seg.length; i += 2) {
            sb.append('.').append(Names.unescape(seg[i]));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "go", "python", "javascript", "typescript", "rust", "c", "cpp", "csharp", "ruby",
            "kotlin"})
    void callGraphMatchesTheCompiler(String lang, @TempDir Path tmp) throws Exception {
        Path dir = FIXTURES.resolve(lang);
        Map<String, ExpectedCallGraph> expected = ExpectedCallGraph.of(dir);
        Path db = tmp.resolve("store.db");
        Indexer.index(new IndexOptions(dir, db, IndexOptions.DEFAULT_MAX_FILE_BYTES, 2), IndexProgress.NONE);
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            Map<String, String> byName = new HashMap<>();
            for (String after = null; ; ) {
                List<String> tokens = s.defTokens(after, 100);
                if (tokens.isEmpty()) {
                    break;
                }
                for (String t : tokens) {
                    for (Ref r : s.defs(t)) {
                        byName.put(qualified(r.nodeId()), r.nodeId());
                    }
                }
                after = tokens.getLast();
            }
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, ExpectedCallGraph> e : expected.entrySet()) {
                String id = byName.get(e.getKey());
                if (id == null) {
                    problems.add("no construct " + e.getKey() + " among " + new TreeSet<>(byName.keySet()));
                    continue;
                }
                TreeSet<String> callers = new TreeSet<>();
                s.callers(id).forEach(r -> callers.add(qualified(r.nodeId())));
                TreeSet<String> callees = new TreeSet<>();
                s.callees(id).forEach(r -> callees.add(qualified(r.nodeId())));
                compare(e.getKey() + " callers: ", new TreeSet<>(e.getValue().callers()), callers, problems);
                compare(e.getKey() + " callees: ", new TreeSet<>(e.getValue().callees()), callees, problems);
            }
            assertTrue(problems.isEmpty(), lang + ":\n" + String.join("\n", problems));
        }
    }
}
