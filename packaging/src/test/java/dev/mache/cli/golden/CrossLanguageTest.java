package dev.mache.cli.golden;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code defs/<symbol>/} across languages, and paths that do not move when another language appears. */
class CrossLanguageTest {

    /** Java, Kotlin and Python fixtures side by side in one repository: {@code square} and {@code area} are
     * defined in all three. */
    @Test
    void defsListsTheDefinitionsOfEveryLanguage(@TempDir Path tmp) {
        Path repo = tmp.resolve("repo");
        for (String lang : List.of("java", "kotlin", "python")) {
            Repos.copyFixture(lang, repo.resolve(lang));
        }
        Path db = tmp.resolve("store.db");
        Golden.index(repo, db);
        assertEquals(List.of("README.txt", "callees", "callers", "defs", "files", "java", "kotlin", "python"),
                Golden.ls(db, "/"));
        StringBuilder listing = new StringBuilder();
        for (String symbol : List.of("square", "area")) {
            listing.append("$ mache ls -l /defs/").append(symbol).append('\n');
            // ls -l: mode, links, size, date, time, name -> target; the date and time are the copy's, dropped
            for (String line : Golden.mache("ls", "-l", "--db", db.toString(), "/defs/" + symbol).ok().split("\n")) {
                String[] f = line.split(" +", 6);
                listing.append(f[0]).append(' ').append(f[1]).append(' ').append(f[2]).append(' ').append(f[5])
                        .append('\n');
            }
        }
        Golden.assertGolden("cross/defs.txt", listing.toString());
    }

    /** PROJECTION.md §1: adding a .py file to a Java repository moves nothing. */
    @Test
    void addingAPythonFileMovesNoJavaPath(@TempDir Path tmp) throws Exception {
        Path repo = Repos.copyFixture("java", tmp.resolve("repo"));
        Path db = tmp.resolve("store.db");
        Golden.index(repo, db);
        String javaTree = Golden.mache("tree", "--db", db.toString(), "/java").ok();
        Map<String, String> constructs = Golden.constructs(db);
        Map<String, String> stats = Incremental.stats(db, constructs.keySet());

        Files.writeString(repo.resolve("square.py"), "def square(x):\n    return x * x\n");
        Golden.index(repo, db);
        assertEquals(javaTree, Golden.mache("tree", "--db", db.toString(), "/java").ok());
        assertEquals(List.of("README.txt", "callees", "callers", "defs", "files", "java", "python"),
                Golden.ls(db, "/"));
        assertEquals(List.of("shapes.Geometry.square(double)", "square.square"), Golden.ls(db, "/defs/square"));
        assertEquals(stats, Incremental.stats(db, constructs.keySet()), "paths and fileids of the Java constructs");
    }
}
