package dev.mache.cli;

import dev.mache.vfs.VfsSnapshot;
import dev.mache.vfs.VirtualFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static dev.mache.cli.LiveServeTest.nfsNames;
import static dev.mache.cli.LiveServeTest.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mache serve DIR1 DIR2}: each tree under its own top-level directory, over nfs-ls and nfs-cat (Debian
 * libnfs-utils) and curl, exactly as a server of that tree alone shows it; handles do not move when the trees are
 * given in another order or a third one joins.
 */
class MultiTreeServeTest {
    @TempDir
    Path tmp;

    private Path tree(String dir, String cls, String body) throws Exception {
        Path src = tmp.resolve(dir);
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("demo/" + cls + ".java"), "package demo;\n\nclass " + cls + " {\n" + body
                + "}\n");
        return src;
    }

    @Test
    void twoTreesSideBySideOverNfsAndWebDav() throws Exception {
        Path api = tree("x/api", "Api", "    void call() { help(); }\n");
        Path web = tree("web", "Web", "    void help() {}\n");
        ServeRun both = ServeRun.startUntil(store(), "Ctrl-C stops.\n", "serve", api.toString(), web.toString(),
                "--no-watch", "--threads", "1");
        ServeRun alone = ServeRun.start("serve", api.toString(), "--db", tmp.resolve("alone.db").toString(),
                "--no-watch", "--threads", "1");
        try {
            assertTrue(both.out().text().contains("serving /api/ = " + api.toAbsolutePath() + " from "),
                    both.out().text());
            assertTrue(both.out().text().contains("serving /web/ = " + web.toAbsolutePath() + " from "),
                    both.out().text());
            assertEquals(List.of("README.txt", "api", "web"), nfsNames(both.nfs("/")));
            assertEquals(List.of("README.txt", "callees", "callers", "defs", "files", "java"),
                    nfsNames(both.nfs("/api")));
            // /api lists, recursively, exactly what a server of api alone lists at /
            LiveServeTest.Result sub = run("nfs-ls", "-R", both.nfs("/api"));
            LiveServeTest.Result whole = run("nfs-ls", "-R", alone.nfs("/"));
            assertEquals(0, sub.status(), sub.output());
            assertEquals(withoutReadme(whole.output()), withoutReadme(sub.output()));
            assertTrue(sub.output().lines().count() > 20, sub.output());

            LiveServeTest.Result source = run("nfs-cat", both.nfs("/web/java/demo/classes/Web/methods/help()/source"));
            assertEquals(0, source.status(), source.output());
            assertEquals("void help() {}", source.output().strip());

            String root = LiveServeTest.propfind(both.dav() + "/");
            assertEquals(List.of("/", "/README.txt", "/api/", "/web/"), hrefs(root));
            assertEquals(List.of("/api/java/demo/classes/Api/methods/call()/callees/"),
                    hrefs(LiveServeTest.propfind(both.dav() + "/api/java/demo/classes/Api/methods/call()/callees/")),
                    "a tree's edges stay inside the tree: api has no help()");
            LiveServeTest.Result readme = run("curl", "-sS", both.dav() + "/README.txt");
            assertTrue(readme.output().contains("  api/   " + api.toAbsolutePath() + "\n  web/   "
                    + web.toAbsolutePath() + "\n"), readme.output());
            LiveServeTest.Result treeReadme = run("curl", "-sS", both.dav() + "/web/README.txt");
            assertTrue(treeReadme.output().contains("Counts:    1 file, 2 constructs"), treeReadme.output());
        } finally {
            both.stop().countDown();
            alone.stop().countDown();
        }
        assertEquals(0, both.stopAndWait());
        assertEquals(0, alone.stopAndWait());
    }

    /** The real store, with every tree's default database under this test's directory, not in ~/.cache. */
    private GraphStore store() {
        SqliteStore real = new SqliteStore();
        return new GraphStore() {
            @Override
            public dev.mache.graph.Graph open(Path db) {
                return real.open(db);
            }

            @Override
            public Path defaultDbFor(Path source) {
                return tmp.resolve("dbs").resolve(real.defaultDbFor(source).getFileName());
            }

            @Override
            public Report index(Path s, Path d, Long m, Integer t, Progress p) throws Exception {
                return real.index(s, d, m, t, p);
            }

            @Override
            public Report indexInBatches(Path s, Path d, Long m, Integer t, Progress p, BatchCommitted c)
                    throws Exception {
                return real.indexInBatches(s, d, m, t, p, c);
            }
        };
    }

    private static String withoutReadme(String nfsLs) {
        return String.join("\n", nfsLs.lines().filter(l -> !l.endsWith(" README.txt")).sorted().toList());
    }

    private static List<String> hrefs(String multistatus) {
        return java.util.regex.Pattern.compile("<D:href>([^<]*)</D:href>").matcher(multistatus).results()
                .map(m -> m.group(1)).sorted().toList();
    }

    /** Handles of the same paths, with the trees given in one order, the other, and with a third tree. */
    @Test
    void handlesAreTheSameWhateverTheOrderOfTheTrees() throws Exception {
        Path api = tree("a/app", "Api", "    void call() { help(); }\n");
        Path web = tree("b/app", "Web", "    void help() {}\n");
        Path third = tree("c/lib", "Lib", "    void lib() {}\n");
        List<String> paths = List.of("", "README.txt", "app", "app~2", "app/java/demo/classes/Api/methods/call()",
                "app/java/demo/classes/Api/methods/call()/callees", "app~2/java/demo/classes/Web/methods/help()/callers",
                "app~2/java/demo/classes/Web/methods/help()/source", "app~2/files/demo/Web.java",
                "app~2/defs/help");
        Map<String, String> first = handles(List.of(api, web), paths);
        assertEquals(first, handles(List.of(web, api), paths));
        Map<String, String> withThird = handles(List.of(third, web, api), paths);
        assertEquals(first, withThird);
    }

    private Map<String, String> handles(List<Path> dirs, List<String> paths) throws Exception {
        Cli cli = new Cli(store(), new PrintStream(new java.io.ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(new java.io.ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), false, new CountDownLatch(1));
        Map<String, String> out = new LinkedHashMap<>();
        try (ServedTrees trees = ServedTrees.open(cli, dirs, null)) {
            trees.index(cli, null, 1, report -> { });
            VirtualFileSystem fs = trees.fs();
            try (VfsSnapshot s = fs.open()) {
                for (String p : paths) {
                    byte[] h = s.handle(s.lookup(p).orElseThrow(() -> new AssertionError("no " + p)));
                    assertTrue(h.length <= 64, p);
                    out.put(p, HexFormat.of().formatHex(h));
                }
            }
        }
        return out;
    }
}
