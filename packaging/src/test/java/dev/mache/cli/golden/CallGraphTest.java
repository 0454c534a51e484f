package dev.mache.cli.golden;

import dev.mache.graph.ExpectedCallGraph;

import dev.mache.cli.SqliteStore;
import dev.mache.graph.Graph;
import dev.mache.graph.Names;
import dev.mache.vfs.Entry;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VfsSnapshot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code callers/} and {@code callees/} of every construct in each fixture's EXPECTED.md, listed with
 * {@code mache ls}, equal the hand-checked lists; and no construct of any fixture lists itself.
 */
class CallGraphTest {
    static final List<String> LANGS = Golden.LANGS;

    private static List<String> listed(Path db, String dir) {
        return Golden.ls(db, dir).stream().map(Names::unescape).toList();
    }

    @ParameterizedTest
    @FieldSource("LANGS")
    void callersAndCalleesEqualTheHandCheckedLists(String lang, @TempDir Path tmp) {
        Path db = tmp.resolve("store.db");
        Golden.index(Golden.FIXTURES.resolve(lang), db);
        Map<String, String> constructs = Golden.constructs(db);
        List<String> problems = new ArrayList<>();
        for (var e : Golden.expected(lang).entrySet()) {
            String path = "/" + Golden.pathOf(constructs, e.getKey());
            List<String> callers = listed(db, path + "/callers");
            List<String> callees = listed(db, path + "/callees");
            TreeSet<String> wantCallers = new TreeSet<>(e.getValue().callers());
            TreeSet<String> wantCallees = new TreeSet<>(e.getValue().callees());
            if (!new ArrayList<>(wantCallers).equals(callers)) {
                problems.add(e.getKey() + " callers: expected " + wantCallers + ", listed " + callers);
            }
            if (!new ArrayList<>(wantCallees).equals(callees)) {
                problems.add(e.getKey() + " callees: expected " + wantCallees + ", listed " + callees);
            }
        }
        assertTrue(problems.isEmpty(), lang + ":\n" + String.join("\n", problems));
    }

    @ParameterizedTest
    @FieldSource("LANGS")
    void noConstructListsItself(String lang, @TempDir Path tmp) {
        Path db = tmp.resolve("store.db");
        Golden.index(Golden.FIXTURES.resolve(lang), db);
        Map<String, String> constructs = Golden.constructs(db);
        assertTrue(constructs.size() >= 5, lang + " has constructs: " + constructs.keySet());
        List<String> problems = new ArrayList<>();
        int edges = 0;
        try (Graph graph = new SqliteStore().open(db);
             ProjectionFs fs = new ProjectionFs(graph);
             VfsSnapshot snap = fs.open()) {
            for (String construct : constructs.keySet()) {
                String own = construct + "/source";
                for (String index : new String[] {"callers", "callees"}) {
                    Entry dir = snap.lookup(construct + "/" + index).orElseThrow(
                            () -> new AssertionError(construct + " has no " + index + "/"));
                    for (Entry link : snap.list(dir)) {
                        edges++;
                        String target = link.linkText().orElseThrow(
                                () -> new AssertionError(link.path() + " is not a symlink"));
                        String resolved = Path.of(dir.path()).resolve(target).normalize().toString();
                        assertTrue(snap.lookup(resolved).isPresent(), link.path() + " -> " + target + " dangles");
                        if (resolved.equals(own)) {
                            problems.add(link.path() + " -> " + target);
                        }
                    }
                }
            }
        }
        assertTrue(edges > 0, lang + " has edges");
        assertEquals(List.of(), problems, lang + ": constructs listing themselves");
    }

    /** PROJECTION.md §2: a construct appears exactly once, under its real parent (no two directories share a span and its bytes). */
    @ParameterizedTest
    @FieldSource("LANGS")
    void everyConstructAppearsOnce(String lang, @TempDir Path tmp) {
        Path db = tmp.resolve("store.db");
        Golden.index(Golden.FIXTURES.resolve(lang), db);
        Map<String, List<String>> byLocation = new TreeMap<>();
        for (String construct : Golden.constructs(db).keySet()) {
            // the span and the bytes: a one-line type alias and its one field share a line span, not their bytes
            String location = new String(Golden.read(db, construct + "/location"), StandardCharsets.UTF_8)
                    + new String(Golden.read(db, construct + "/source"), StandardCharsets.UTF_8);
            byLocation.computeIfAbsent(location, k -> new ArrayList<>()).add(construct);
        }
        byLocation.values().removeIf(paths -> paths.size() == 1);
        assertEquals(Map.of(), byLocation, lang + ": constructs listed more than once");
    }
}
