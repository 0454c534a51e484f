package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.graph.Names;
import dev.mache.vfs.Fixture;
import dev.mache.vfs.MemoryGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The command line run in-process over the fixture tree, asserting exact output. */
class MainTest {
    @TempDir
    Path tmp;
    private Path db;
    private final FakeStore store = new FakeStore();
    private String out;
    private String err;

    /** A store whose every database holds the fixture tree; indexing is recorded, not done. */
    final class FakeStore implements GraphStore {
        final List<String> indexed = new ArrayList<>();

        @Override
        public Graph open(Path db) {
            return new MemoryGraph(Fixture.builder());
        }

        @Override
        public Path defaultDbFor(Path source) {
            return tmp.resolve("default.db");
        }

        @Override
        public Report index(Path source, Path db, Long maxFileBytes, Integer threads, Progress progress)
                throws Exception {
            indexed.add(source + " -> " + db + " max=" + maxFileBytes + " threads=" + threads);
            progress.update(1, 2, "a.java");
            progress.update(2, 2, "b.java");
            Files.writeString(db, "");
            return new Report(2, 1, 1, 0, 3, 14, 6, Duration.ofMillis(1234));
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        db = Files.writeString(tmp.resolve("x.db"), "");
    }

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = Main.run(args, new Cli(store, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), false));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return status;
    }

    @Test
    void lsListsNamesSorted() {
        assertEquals(0, run("ls", "--db", db.toString(), "/"));
        assertEquals("README.txt\ncallees\ncallers\ndefs\nfiles\ngo\njava\n", out);
        assertEquals("", err);
        assertEquals(0, run("ls", "--db", db.toString()));
        assertEquals("README.txt\ncallees\ncallers\ndefs\nfiles\ngo\njava\n", out);
        assertEquals(0, run("ls", "--db", db.toString(), "defs"));
        assertEquals("ArrayList\nOpen\na%2Fb\nadd\ncompute\nf\ninit\nmain\nsize\n", out);
    }

    @Test
    void lsLong() {
        assertEquals(0, run("ls", "-l", "--db", db.toString(), "/java/java.util/classes/ArrayList/"));
        assertEquals("""
                dr-xr-xr-x 2  0 2023-11-14 22:13 callees
                dr-xr-xr-x 2  0 2023-11-14 22:13 callers
                -r--r--r-- 1  0 2022-04-15 05:20 context
                -r--r--r-- 1 10 2022-04-15 05:20 location
                dr-xr-xr-x 2  0 2020-09-13 12:26 methods
                -r--r--r-- 1 29 2022-04-15 05:20 source
                """, out);
        assertEquals(0, run("ls", "-l", "--db", db.toString(), Fixture.MAIN + "/callees"));
        assertEquals("""
                lrwxrwxrwx 1 67 2022-04-15 05:20 java.util.ArrayList.add(E) -> ../../../../../../java.util/classes/ArrayList/methods/add(E)/source
                lrwxrwxrwx 1 71 2022-04-15 05:20 java.util.ArrayList.add(int,E) -> ../../../../../../java.util/classes/ArrayList/methods/add(int,E)/source
                lrwxrwxrwx 1 67 2022-04-15 05:20 java.util.ArrayList.size() -> ../../../../../../java.util/classes/ArrayList/methods/size()/source
                """, out);
        assertEquals(0, run("ls", "-l", "--db", db.toString(), "/README.txt"));
        assertTrue(out.matches("-r--r--r-- 1 \\d+ 2023-11-14 22:13 README.txt\n"), out);
    }

    @Test
    void catPrintsFilesAndSymlinkTargets() {
        assertEquals(0, run("cat", "--db", db.toString(), "/files/src/Main.java",
                "/go/internal.graph/functions/Open/callers/internal.graph.init"));
        assertEquals("class Main {}\nfunc init() { Open() }\n", out);
        assertEquals(0, run("cat", "--db", db.toString(), "README.txt"));
        assertTrue(out.startsWith("mache: a code base as a tree of its constructs"), out);
        assertEquals(1, run("cat", "--db", db.toString(), "/java"));
        assertEquals("mache: /java: is a directory\n", err);
    }

    @Test
    void statPrintsAttributesAndHandle() {
        String path = "go/internal.graph/functions/Open/callers/internal.graph.init";
        assertEquals(0, run("stat", "--db", db.toString(), "/" + path));
        assertEquals("  path: /" + path + "\n"
                + "  type: symbolic link\n"
                + "  size: 17\n"
                + "  mode: 0777 (lrwxrwxrwx)\n"
                + " links: 1\n"
                + "fileid: " + Names.fileId(path) + "\n"
                + " mtime: 2022-12-02T16:53:20Z\n"
                + "  link: ../../init/source\n"
                + "target: /go/internal.graph/functions/init/source\n"
                + "handle: 0101" + HexFormat.of().formatHex(path.getBytes(StandardCharsets.UTF_8)) + "\n", out);
        assertEquals(0, run("stat", "--db", db.toString(), "/"));
        assertEquals("""
                  path: /
                  type: directory
                  size: 0
                  mode: 0555 (dr-xr-xr-x)
                 links: 2
                fileid: %d
                 mtime: 2023-11-14T22:13:20.123456789Z
                handle: 0101
                """.formatted(Names.fileId("")), out);
    }

    @Test
    void treeDrawsLikeTreeAndCounts() {
        assertEquals(0, run("tree", "--db", db.toString(), "/go/internal.graph/functions/Open"));
        assertEquals("""
                /go/internal.graph/functions/Open
                ├── callees
                ├── callers
                │   └── internal.graph.init -> ../../init/source
                ├── context
                ├── location
                └── source

                2 directories, 4 files
                """, out);
        assertEquals(0, run("tree", "-L", "2", "--db", db.toString(), "go"));
        assertEquals("""
                /go
                └── internal.graph
                    └── functions

                2 directories, 0 files
                """, out);
        assertEquals(0, run("tree", "--db", db.toString(), "/files"));
        assertEquals("""
                /files
                └── src
                    ├── Main.java
                    └── util
                        └── ArrayList.java

                2 directories, 2 files
                """, out);
    }

    @Test
    void indexPrintsOneSummaryLine() {
        Path src = tmp.resolve("src");
        assertEquals(0, run("index", tmp.toString(), "--db", src.resolve("../i.db").toString(), "--threads", "3",
                "--max-file-size", "1000"));
        Path expectedDb = tmp.resolve("i.db");
        assertEquals("2 files (1 parsed, 1 unchanged, 0 deleted, 3 skipped), 14 constructs, 6 references in 1.2 s -> "
                + expectedDb + "\n", out);
        assertEquals("", err, "no progress line off a terminal");
        assertEquals(List.of(tmp + " -> " + expectedDb + " max=1000 threads=3"), store.indexed);
        assertEquals(0, run("index", tmp.toString()));
        assertEquals(tmp + " -> " + tmp.resolve("default.db") + " max=null threads=null", store.indexed.get(1));
    }

    @Test
    void withoutDbOrSourceTheCurrentDirectorysIndexIsRead() throws Exception {
        Files.writeString(tmp.resolve("default.db"), "");
        assertEquals(0, run("ls", "/go"));
        assertEquals("internal.graph\n", out);
        assertEquals(List.of(), store.indexed);
    }

    @Test
    void sourceIndexesFirstThenReads() {
        assertEquals(0, run("ls", "--source", tmp.toString(), "/go"));
        assertEquals("internal.graph\n", out);
        assertEquals(List.of(tmp + " -> " + tmp.resolve("default.db") + " max=null threads=null"), store.indexed);
    }

    @Test
    void errorsAreOneLineWithNonZeroStatus() {
        assertEquals(1, run("ls", "--db", db.toString(), "/java/nope"));
        assertEquals("mache: /java/nope: no such file or directory\n", err);
        assertEquals("", out);
        assertEquals(1, run("ls", "--db", db.toString(), "/java/../java"));
        assertEquals("mache: /java/../java: no such file or directory\n", err);
        assertEquals(1, run("ls", "/"));
        assertEquals("mache: give --db FILE or --source DIR (" + Path.of("").toAbsolutePath() + " has no index yet)\n",
                err);
        assertEquals(1, run("ls", "--db", tmp.resolve("missing.db").toString()));
        assertEquals("mache: " + tmp.resolve("missing.db") + ": no such index database\n", err);
        assertEquals(2, run("ls", "--db", db.toString(), "--source", tmp.toString()));
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("mache: Error: --db=FILE, --source=DIR are mutually exclusive"), err);
        assertEquals(2, run("frobnicate"));
        assertEquals("mache: Unmatched argument at index 0: 'frobnicate' (try 'mache --help')\n", err);
        assertEquals(2, run());
        assertEquals("mache: missing command (try 'mache --help')\n", err);
        assertEquals(1, run("index", tmp.resolve("none").toString()));
        assertEquals("mache: " + tmp.resolve("none") + ": not a directory\n", err);
        assertEquals(1, run("tree", "-L", "0", "--db", db.toString()));
        assertEquals("mache: -L: the depth must be at least 1\n", err);
        // index, serve and daemon share their indexing flags and refuse the same bad values
        for (String command : List.of("index", "serve", "daemon")) {
            assertEquals(1, run(command, tmp.toString(), "--threads", "0"));
            assertEquals("mache: --threads must be at least 1\n", err, command);
            assertEquals(1, run(command, tmp.toString(), "--max-file-size", "0"));
            assertEquals("mache: --max-file-size must be at least 1\n", err, command);
        }
        assertEquals(List.of(), store.indexed);
    }

    @Test
    void verboseAddsTheStackTrace() {
        assertEquals(1, run("--verbose", "ls", "--db", db.toString(), "/nope"));
        assertTrue(err.startsWith("mache: /nope: no such file or directory\ndev.mache.cli.CliException"), err);
        assertEquals(1, run("ls", "--verbose", "--db", db.toString(), "/nope"));
        assertTrue(err.lines().count() > 2, err);
    }

    @Test
    void helpAndVersion() {
        for (String cmd : List.of("index", "ls", "cat", "stat", "tree")) {
            assertEquals(0, run(cmd, "--help"));
            assertTrue(out.startsWith("Usage: mache " + cmd + " "), out);
        }
        assertEquals(0, run("--help"));
        assertTrue(out.startsWith("Usage: mache [-hV] [--verbose] [COMMAND]\n"), out);
        assertEquals(0, run("--version"));
        assertTrue(out.startsWith("mache "), out);
    }
}
