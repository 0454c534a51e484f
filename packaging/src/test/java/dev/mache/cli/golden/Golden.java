package dev.mache.cli.golden;

import dev.mache.graph.ExpectedCallGraph;

import dev.mache.cli.Cli;
import dev.mache.cli.Main;
import dev.mache.cli.SqliteStore;
import dev.mache.graph.Graph;
import dev.mache.graph.Names;
import dev.mache.vfs.Entry;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VfsSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Shared plumbing of the end-to-end acceptance tests: the real CLI run in-process over the real SQLite store, the
 * fixture repositories of mache-graph, and golden files.
 *
 * <p>Goldens live in {@code packaging/src/test/resources/golden/} (its README.md says what each holds). The default
 * run compares; to regenerate them run {@code mvn -B -q package -pl packaging -am
 * -Dtest='GoldenTreeTest,CrossLanguageTest' -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true}, then
 * review every changed golden against PROJECTION.md before committing it.
 */
final class Golden {
    static final Path FIXTURES = Path.of("../mache-graph/src/test/resources/fixtures");
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");
    static final List<String> LANGS = List.of("c", "cpp", "csharp", "go", "java", "javascript", "kotlin", "python",
            "ruby", "rust", "typescript");
    /** The root's virtual directories: everything else at the root is a language directory. */
    static final Set<String> ROOT_VIRTUAL = Set.of("README.txt", "defs", "callers", "callees", "files");

    private Golden() {
    }

    /** The outcome of one command line. */
    record Run(int status, String out, String err) {
        String ok() {
            assertEquals(0, status, "exit status; stderr: " + err);
            return out;
        }
    }

    static Run mache(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = Main.run(args, new Cli(new SqliteStore(), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), false));
        return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** {@code mache index DIR --db DB} with two threads; returns its stdout. */
    static String index(Path dir, Path db) {
        return mache("index", dir.toString(), "--db", db.toString(), "--threads", "2").ok();
    }

    /** Compares {@code actual} with the golden file, or (with -Dgolden.update=true) rewrites the golden. */
    static void assertGolden(String golden, String actual) {
        Path file = GOLDEN.resolve(golden);
        try {
            if (UPDATE) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
                return;
            }
            assertEquals(Files.readString(file), actual, "golden " + file + " (regenerate with -Dgolden.update=true,"
                    + " then review it)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The qualified display name of a construct path: {@code java/shapes/classes/Circle/methods/area()} →
     * {@code shapes.Circle.area()} (namespace, then every construct name, without kind groups; C++ namespaces
     * nested as {@code namespaces/<ns>/} count as construct names).
     */
    static String qualified(String path) {
        String[] seg = path.split("/");
        StringBuilder sb = new StringBuilder(Names.unescape(seg[1]));
        for (int i = 3; i < seg.length; i += 2) {
            sb.append('.').append(Names.unescape(seg[i]));
        }
        return sb.toString();
    }

    /** Every construct directory (one holding a {@code source} file) below the language directories, by path. */
    static Map<String, String> constructs(Path db) {
        Map<String, String> byPath = new TreeMap<>();
        try (Graph graph = new SqliteStore().open(db);
             ProjectionFs fs = new ProjectionFs(graph);
             VfsSnapshot snap = fs.open()) {
            for (Entry lang : snap.list(snap.root())) {
                if (!ROOT_VIRTUAL.contains(lang.name())) {
                    walk(snap, lang, byPath);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return byPath;
    }

    private static void walk(VfsSnapshot snap, Entry dir, Map<String, String> out) {
        List<Entry> children = snap.list(dir);
        if (children.stream().anyMatch(c -> c.name().equals("source") && !c.isDirectory())) {
            out.put(dir.path(), qualified(dir.path()));
        }
        for (Entry c : children) {
            if (c.isDirectory() && !c.name().equals("callers") && !c.name().equals("callees")) {
                walk(snap, c, out);
            }
        }
    }

    /** All bytes of a file of the tree, read through the VFS. */
    static byte[] read(Path db, String path) {
        try (Graph graph = new SqliteStore().open(db);
             ProjectionFs fs = new ProjectionFs(graph);
             VfsSnapshot snap = fs.open()) {
            Entry e = snap.lookup(path).orElseThrow(() -> new AssertionError("no " + path));
            return snap.read(e, 0, (int) e.size());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entries of a directory as {@code mache ls} prints them, one per line. */
    static List<String> ls(Path db, String path) {
        String out = mache("ls", "--db", db.toString(), path).ok();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** A fixture's hand-checked callers and callees, by qualified construct name. */
    static Map<String, ExpectedCallGraph> expected(String lang) {
        return ExpectedCallGraph.of(FIXTURES.resolve(lang));
    }

    /** The path of the construct with this qualified name; fails when there is none or more than one. */
    static String pathOf(Map<String, String> constructs, String qualified) {
        List<String> paths = constructs.entrySet().stream().filter(e -> e.getValue().equals(qualified))
                .map(Map.Entry::getKey).toList();
        assertEquals(1, paths.size(), "constructs named " + qualified + ": " + paths);
        return paths.getFirst();
    }
}
