package dev.mache.cli;

import dev.mache.graph.store.SqliteGraph;
import dev.mache.ipc.Response;
import dev.mache.ipc.client.DaemonEvents;
import dev.mache.vfs.Entry;
import dev.mache.vfs.HandleLookup;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VfsSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Live updates over real clients: {@code mache serve DIR} and {@code mache daemon} watch the tree, and an edit shows
 * in libnfs's nfs-ls and in curl's PROPFIND (Debian libnfs-utils, curl) without restarting anything.
 */
class LiveServeTest {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

    static final String GREETER = """
            package demo;

            public class Greeter {
                public String greet(String name) {
                    return "hello " + name;
                }

                public String hello() {
                    return greet("world");
                }
            }
            """;

    @TempDir
    Path tmp;

    private Path repo() throws IOException {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("demo/Greeter.java"), GREETER);
        Files.writeString(src.resolve("demo/Other.java"), "package demo;\n\nclass Other {\n    void run() {}\n}\n");
        Files.writeString(src.resolve(".gitignore"), "*.log\n");
        return src;
    }

    private static void save(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis())); // as an editor's save
    }

    // ---- running commands in-process: ServeRun


    // ---- real clients

    record Result(int status, String output) {
    }

    static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        return new Result(p.exitValue(), output);
    }

    /** The names nfs-ls lists (its last column). */
    static List<String> nfsNames(String url) throws Exception {
        Result r = run("nfs-ls", url);
        assertEquals(0, r.status(), r.output());
        List<String> names = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (!line.isBlank()) {
                names.add(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        names.sort(null); // READDIR order is the server's; compare sets of names
        return names;
    }

    static String propfind(String url) throws Exception {
        Result r = run("curl", "-sS", "-X", "PROPFIND", "-H", "Depth: 1", "-o", "-", "-w", "\n%{http_code}", url);
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().endsWith("\n207"), r.output());
        return r.output();
    }

    /** Re-asks until {@code done} holds (no fixed sleeps: each ask is a real client round trip). */
    private static <T> T await(String what, Check<T> ask, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        T last = ask.get();
        while (!done.test(last)) {
            assertTrue(System.nanoTime() < deadline, what + " not seen in time; last: " + last);
            last = ask.get();
        }
        return last;
    }

    @FunctionalInterface
    private interface Check<T> {
        T get() throws Exception;
    }

    // ---- the tests

    /** The servers answer while the first index runs: an empty tree whose README.txt tells the progress. */
    @Test
    void serversAreUpBeforeTheFirstIndexCompletes() throws Exception {
        Path src = repo();
        Path db = tmp.resolve("first.db");
        CountDownLatch indexStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SqliteStore real = new SqliteStore();
        GraphStore slow = new GraphStore() {
            @Override
            public dev.mache.graph.Graph open(Path p) {
                return real.open(p);
            }

            @Override
            public Path defaultDbFor(Path source) {
                return real.defaultDbFor(source);
            }

            @Override
            public Report index(Path s, Path d, Long m, Integer t, Progress p) throws Exception {
                p.update(0, 2, "demo/Greeter.java");
                indexStarted.countDown();
                assertTrue(release.await(60, TimeUnit.SECONDS));
                return real.index(s, d, m, t, p);
            }
        };
        ServeRun serve = ServeRun.startUntil(slow, "WebDAV: ", "serve", src.toString(), "--db", db.toString(),
                "--no-nfs", "--no-watch");
        try {
            assertTrue(indexStarted.await(60, TimeUnit.SECONDS));
            assertFalse(Files.exists(db), "nothing is committed yet");
            Result readme = run("curl", "-sS", serve.dav() + "/README.txt");
            assertEquals(0, readme.status(), readme.output());
            assertTrue(readme.output().contains("(indexing: 0 of 2 files; the tree fills in as batches commit)"),
                    readme.output());
            assertFalse(propfind(serve.dav() + "/").contains("java/"), "no language directory yet");
            release.countDown();
            assertTrue(serve.out().await("Ctrl-C stops.\n", serve.status(), TimeUnit.SECONDS.toNanos(60)),
                    serve.out().text());
            assertTrue(propfind(serve.dav() + "/").contains("java/"));
            Result after = run("curl", "-sS", serve.dav() + "/README.txt");
            assertFalse(after.output().contains("indexing"), after.output());
            assertTrue(after.output().contains("Counts:    3 files, 5 constructs"), after.output());
        } finally {
            release.countDown();
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
    }

    @Test
    void serveShowsARenamedFunctionOverNfsAndWebDav() throws Exception {
        Path src = repo();
        Path db = tmp.resolve("live.db");
        ServeRun serve = ServeRun.start("serve", src.toString(), "--db", db.toString(), "--threads", "1");
        try (SqliteGraph graph = SqliteGraph.open(db); ProjectionFs fs = new ProjectionFs(graph)) {
            String methods = "/java/demo/classes/Greeter/methods";
            assertEquals(List.of("greet(String)", "hello()"), nfsNames(serve.nfs(methods)));
            byte[] oldHandle;
            try (VfsSnapshot s = fs.open()) {
                oldHandle = s.handle(s.lookup(methods.substring(1) + "/greet(String)").orElseThrow());
            }

            // an ignored file changes nothing: the next edit is the next commit
            long generation = generation(graph);
            Files.writeString(src.resolve("demo/trace.log"), "noise");

            long t0 = System.nanoTime();
            save(src.resolve("demo/Greeter.java"), GREETER.replace("greet", "salute"));
            List<String> after = await("salute(String) over NFS", () -> nfsNames(serve.nfs(methods)),
                    names -> names.contains("salute(String)"));
            long visibleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("live: a renamed method showed in nfs-ls " + visibleMs + " ms after the save");
            assertEquals(List.of("hello()", "salute(String)"), after);
            assertEquals(generation + 1, generation(graph), "one edit, one commit (the .log file is ignored)");

            String body = propfind(serve.dav() + methods + "/");
            assertTrue(body.contains("salute"), body);
            assertFalse(body.contains("greet"), body);

            try (VfsSnapshot s = fs.open()) {
                assertInstanceOf(HandleLookup.Stale.class, s.resolve(oldHandle),
                        "the handle of the removed method is stale");
            }
            Result gone = run("nfs-cat", serve.nfs(methods + "/greet(String)/source"));
            assertNotEquals(0, gone.status(), gone.output());
            Result source = run("nfs-cat", serve.nfs(methods + "/salute(String)/source"));
            assertEquals(0, source.status(), source.output());
            assertTrue(source.output().startsWith("public String salute(String name) {"), source.output());
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
    }

    private static long generation(SqliteGraph graph) {
        try (var s = graph.open()) {
            return s.generation();
        }
    }

    /** 50 quick saves are a few commits (debounced), and the last one wins. */
    @Test
    void aBurstOfFiftySavesIsAFewCommits() throws Exception {
        Path src = repo();
        Path db = tmp.resolve("burst.db");
        ServeRun serve = ServeRun.start("serve", src.toString(), "--db", db.toString(), "--threads", "1", "--no-nfs");
        try (SqliteGraph graph = SqliteGraph.open(db); ProjectionFs fs = new ProjectionFs(graph)) {
            long before = generation(graph);
            for (int i = 0; i < 50; i++) {
                save(src.resolve("demo/Greeter.java"), GREETER.replace("greet", "greet" + i));
            }
            await("greet49(String) in the VFS", () -> {
                try (VfsSnapshot s = fs.open()) {
                    return s.lookup("java/demo/classes/Greeter/methods/greet49(String)").isPresent();
                }
            }, found -> found);
            long commits = generation(graph) - before;
            System.out.println("live: 50 saves made " + commits + " commit(s)");
            assertTrue(commits >= 1 && commits <= 5, commits + " commits");
            try (VfsSnapshot s = fs.open()) {
                assertEquals(List.of("greet49(String)", "hello()"), s.list(
                        s.lookup("java/demo/classes/Greeter/methods").orElseThrow()).stream().map(Entry::name)
                        .sorted().toList());
            }
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
    }

    /** PROJECTION.md §5: a directory whose listing changed has a newer mtime. */
    @Test
    void aNewConstructMovesItsDirectorysMtime() throws Exception {
        Path src = repo();
        Path db = tmp.resolve("mtime.db");
        ServeRun serve = ServeRun.start("serve", src.toString(), "--db", db.toString(), "--threads", "1",
                "--no-nfs", "--poll");
        try (SqliteGraph graph = SqliteGraph.open(db); ProjectionFs fs = new ProjectionFs(graph)) {
            String methods = "/java/demo/classes/Greeter/methods";
            long before;
            try (VfsSnapshot s = fs.open()) {
                before = s.lookup(methods.substring(1)).orElseThrow().mtimeNanos();
            }
            save(src.resolve("demo/Greeter.java"), GREETER.replace("    public String hello() {",
                    "    public int count() {\n        return 1;\n    }\n\n    public String hello() {"));
            Entry dir = await("count() in the VFS", () -> {
                try (VfsSnapshot s = fs.open()) {
                    Entry d = s.lookup(methods.substring(1)).orElseThrow();
                    return s.list(d).stream().anyMatch(e -> e.name().equals("count()")) ? d : null;
                }
            }, d -> d != null);
            assertTrue(dir.mtimeNanos() > before, "methods/ mtime " + dir.mtimeNanos() + " <= " + before);
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
    }

    @Test
    void daemonAndIpcFrontendServeWhatServeServesAndFollowEdits() throws Exception {
        Path src = repo();
        Path db = tmp.resolve("daemon.db");
        Path socket = tmp.resolve("ipc/d.sock");
        ServeRun daemon = ServeRun.start("daemon", "--source", src.toString(), "--db", db.toString(),
                "--socket", socket.toString(), "--threads", "1");
        ServeRun front = null;
        ServeRun direct = null;
        try {
            assertTrue(daemon.out().text().contains("daemon on " + socket + " serving " + src.toAbsolutePath()),
                    daemon.out().text());
            front = ServeRun.start("serve", "--ipc-socket", socket.toString());
            direct = ServeRun.start("serve", "--db", db.toString());
            Result viaDaemon = run("nfs-ls", "-R", front.nfs("/"));
            Result local = run("nfs-ls", "-R", direct.nfs("/"));
            assertEquals(0, viaDaemon.status(), viaDaemon.output());
            assertEquals(0, local.status(), local.output());
            long lines = local.output().lines().count();
            assertTrue(lines > 20, local.output());
            assertEquals(lines, viaDaemon.output().lines().count(), viaDaemon.output());

            String methods = "/java/demo/classes/Greeter/methods";
            ServeRun f = front;
            LinkedBlockingQueue<Response.Event> events = new LinkedBlockingQueue<>();
            try (DaemonEvents sub = DaemonEvents.subscribe(socket,
                    List.of("daemon.files.changed", "daemon.snapshot"), null, events::add)) {
                save(src.resolve("demo/Greeter.java"), GREETER.replace("greet", "salute"));
                assertEquals(List.of("hello()", "salute(String)"),
                        await("the edit through the daemon", () -> nfsNames(f.nfs(methods)),
                                names -> names.contains("salute(String)")));
                Response.Event changed = events.poll(20, TimeUnit.SECONDS);
                assertNotNull(changed, "no event after the edit");
                Response.Event next = events.poll(20, TimeUnit.SECONDS);
                assertNotNull(next, "one event only after the edit: " + changed);
                Response.Event files = changed.topic().equals("daemon.files.changed") ? changed : next;
                assertEquals("daemon.files.changed", files.topic());
                assertTrue(files.dataJson().contains("\"demo/Greeter.java\""), files.dataJson());
                assertEquals(java.util.Set.of("daemon.files.changed", "daemon.snapshot"),
                        java.util.Set.of(changed.topic(), next.topic()));
            }
        } finally {
            for (ServeRun r : new ServeRun[] {front, direct, daemon}) {
                if (r != null) {
                    r.stop().countDown();
                }
            }
        }
        assertEquals(0, front.stopAndWait());
        assertEquals(0, direct.stopAndWait());
        assertEquals(0, daemon.stopAndWait());
        assertFalse(Files.exists(socket));
    }
}
