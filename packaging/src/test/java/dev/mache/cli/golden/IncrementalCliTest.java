package dev.mache.cli.golden;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incremental indexing at the CLI: {@code mache index} twice over an edited copy of the Java fixture, comparing
 * {@code tree}, {@code cat} and {@code stat} before and after.
 */
class IncrementalCliTest {
    private static final String CIRCLE = "src/main/java/shapes/Circle.java";

    private static List<String> lines(String s) {
        return List.of(s.split("\n"));
    }

    @Test
    void editingOneFileChangesExactlyItsConstructs(@TempDir Path tmp) {
        Path repo = Repos.copyFixture("java", tmp.resolve("repo"));
        Path db = tmp.resolve("store.db");
        Golden.index(repo, db);
        Map<String, String> before = Golden.constructs(db);
        Map<String, String> contentsBefore = Incremental.contents(db, before.keySet());
        Map<String, String> statsBefore = Incremental.stats(db, before.keySet());
        String treeBefore = Golden.mache("tree", "--db", db.toString(), "/java").ok();

        Repos.edit(repo.resolve(CIRCLE), "    public Circle scale(double factor) {",
                "    public double diameter() {\n        return 2 * radius;\n    }\n\n"
                        + "    public Circle scale(double factor) {");
        assertTrue(Golden.index(repo, db).startsWith("8 files (1 parsed, 7 unchanged, 0 deleted, 0 skipped)"));
        Map<String, String> after = Golden.constructs(db);
        TreeSet<String> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        assertEquals(new TreeSet<>(List.of("java/shapes/classes/Circle/methods/diameter()")), added);
        assertTrue(after.keySet().containsAll(before.keySet()), "nothing removed");

        // the tree gains exactly the new method's directory and loses nothing (but its counts line)
        List<String> treeAfter = lines(Golden.mache("tree", "--db", db.toString(), "/java").ok());
        List<String> gained = new ArrayList<>(treeAfter.subList(0, treeAfter.size() - 1));
        List<String> lost = new ArrayList<>(lines(treeBefore));
        lost = new ArrayList<>(lost.subList(0, lost.size() - 1));
        for (String l : treeAfter) {
            lost.remove(l);
        }
        for (String l : lines(treeBefore)) {
            gained.remove(l);
        }
        assertEquals(List.of(), lost);
        String at = "    │   │   │   ";
        assertEquals(List.of(at + "├── diameter()", at + "│   ├── callees", at + "│   ├── callers",
                at + "│   ├── context", at + "│   ├── location", at + "│   └── source"), gained);

        // constructs of other files: same bytes, same location; all constructs: same path and fileid
        Map<String, String> contentsAfter = Incremental.contents(db, before.keySet());
        Map<String, String> changed = new TreeMap<>();
        for (String c : before.keySet()) {
            if (!contentsBefore.get(c).equals(contentsAfter.get(c))) {
                changed.put(c, contentsAfter.get(c));
            }
        }
        assertTrue(changed.values().stream().allMatch(v -> v.startsWith(CIRCLE + ":")),
                "only Circle.java's constructs change: " + changed.keySet());
        assertEquals(new TreeSet<>(List.of("java/shapes/classes/Circle",
                        "java/shapes/classes/Circle/methods/scale(double)",
                        "java/shapes/classes/Circle/methods/scale(double,double)")),
                new TreeSet<>(changed.keySet()));
        assertEquals(statsBefore, Incremental.stats(db, before.keySet()));
    }

    @Test
    void renamingAFunctionLeavesNoPhantom(@TempDir Path tmp) {
        Path repo = Repos.copyFixture("java", tmp.resolve("repo"));
        Path db = tmp.resolve("store.db");
        Golden.index(repo, db);
        Map<String, String> before = Golden.constructs(db);
        Map<String, String> statsBefore = Incremental.stats(db, before.keySet());
        String old = "java/shapes/classes/Geometry/classes/Units/methods/toCm(double)";

        Repos.edit(repo.resolve("src/main/java/shapes/Geometry.java"), "static double toCm(", "static double toMm(");
        Golden.index(repo, db);
        Map<String, String> after = Golden.constructs(db);
        TreeSet<String> expected = new TreeSet<>(before.keySet());
        expected.remove(old);
        expected.add("java/shapes/classes/Geometry/classes/Units/methods/toMm(double)");
        assertEquals(expected, new TreeSet<>(after.keySet()));

        Golden.Run gone = Golden.mache("ls", "--db", db.toString(), "/" + old);
        assertEquals(1, gone.status());
        assertEquals("", gone.out());
        assertTrue(gone.err().contains("no such file or directory"), gone.err());
        assertEquals(List.of("toMm(double)"), Golden.ls(db, "/java/shapes/classes/Geometry/classes/Units/methods"));
        assertEquals(1, Golden.mache("ls", "--db", db.toString(), "/defs/toCm").status(), "defs/toCm is gone");
        assertEquals(List.of("shapes.Geometry.Units.toMm(double)"), Golden.ls(db, "/defs/toMm"));
        // Report still calls toCm, which no longer resolves: the edge is gone, nothing dangles (its
        // circle.scale(2.0, 1.0) passes two arguments: the two-parameter overload only)
        assertEquals(List.of("shapes.Circle.area()", "shapes.Circle.name()",
                "shapes.Circle.scale(double,double)"), Golden.ls(db, "/java/shapes/classes/Report/methods/"
                + "describe(Circle)/callees"));
        TreeSet<String> kept = new TreeSet<>(before.keySet());
        kept.remove(old);
        Map<String, String> statsAfter = Incremental.stats(db, kept);
        statsBefore.keySet().retainAll(kept);
        assertEquals(statsBefore, statsAfter, "unchanged constructs keep their paths and fileids");
    }
}
