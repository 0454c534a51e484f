package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.graph.Snapshot;
import dev.mache.graph.store.SqliteGraph;
import dev.mache.ipc.client.DaemonGraph;
import dev.mache.vfs.Entry;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VfsSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.mache.cli.LiveServeTest.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The first index of a new store commits in batches and the servers show each one as it lands: nfs-ls (Debian
 * libnfs-utils) and curl see the tree fill in with whole files in path order, and the last batch leaves the tree a
 * whole index builds. The daemon answers on its socket before anything is committed.
 */
class FirstIndexBatchesTest {
    private static final int FILES = 120;
    private static final int BATCH = 20;

    @TempDir
    Path tmp;

    /** FILES classes in 6 packages; each calls the next one's method, so most calls cross into a later file. */
    private Path repo() throws Exception {
        Path src = tmp.resolve("src");
        for (int i = 0; i < FILES; i++) {
            int next = (i + 1) % FILES;
            Path file = src.resolve(String.format("p%d/C%03d.java", i / BATCH, i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.format("""
                    package p%d;

                    public class C%03d {
                        public int m%03d() {
                            return new C%03d().m%03d();
                        }

                        public int size() {
                            return %d;
                        }
                    }
                    """, i / BATCH, i, i, next, next, i));
        }
        return src;
    }

    private static String path(int i) {
        return String.format("p%d/C%03d.java", i / BATCH, i);
    }

    /** A store whose batches wait for the test after each commit, so it can look at every intermediate tree. */
    private static final class Gated implements GraphStore {
        final SqliteStore real = new SqliteStore(BatchPolicy.fixed(BATCH));
        final LinkedBlockingQueue<Long> commits = new LinkedBlockingQueue<>();
        final Semaphore proceed = new Semaphore(0);
        final CountDownLatch start = new CountDownLatch(1);

        @Override
        public Graph open(Path db) {
            return real.open(db);
        }

        @Override
        public Path defaultDbFor(Path source) {
            return real.defaultDbFor(source);
        }

        @Override
        public Report index(Path s, Path d, Long m, Integer t, Progress p) throws Exception {
            return real.index(s, d, m, t, p);
        }

        @Override
        public Report indexInBatches(Path s, Path d, Long m, Integer t, Progress p, BatchCommitted committed)
                throws Exception {
            assertTrue(start.await(60, TimeUnit.SECONDS));
            return real.indexInBatches(s, d, m, t, p, (done, total) -> {
                committed.committed(done, total);
                commits.put(done);
                assertTrue(proceed.tryAcquire(60, TimeUnit.SECONDS), "the test never let batch " + done + " go");
            });
        }

        long nextCommit() throws InterruptedException {
            Long done = commits.poll(120, TimeUnit.SECONDS);
            assertNotNull(done, "no batch committed in time");
            return done;
        }
    }

    /** nfs-ls -R of a directory: "type size path" per entry (nfs-ls prints no times or inode numbers). */
    private static List<String> nfsTree(ServeRun serve, String dir) throws Exception {
        LiveServeTest.Result r = run("nfs-ls", "-R", serve.nfs(dir));
        assertEquals(0, r.status(), r.output());
        List<String> out = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.trim().split(" +", 6);
                out.add(f[0].charAt(0) + " " + f[4] + " " + f[5]);
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void serveShowsEachBatchAsItCommitsAndEndsWithTheWholeIndex() throws Exception {
        Path src = repo();
        Path db = tmp.resolve("batched.db");
        Gated store = new Gated();
        ServeRun serve = ServeRun.startUntil(store, "WebDAV: ", "serve", src.toString(), "--db", db.toString(),
                "--no-watch", "--threads", "1");
        List<Long> seen = new ArrayList<>();
        try {
            // nothing committed yet: an empty tree that answers at once
            assertEquals(List.of("d 0 callees", "d 0 callers", "d 0 defs"),
                    nfsTree(serve, "/").stream().filter(l -> !l.contains("README.txt")).toList());
            store.start.countDown();
            while (true) {
                long done = store.nextCommit();
                seen.add(done);
                if (done < FILES) {
                    // files/: exactly the first `done` files in path order
                    List<String> files = nfsTree(serve, "/files").stream().filter(l -> l.startsWith("- "))
                            .map(l -> l.substring(l.lastIndexOf(' ') + 1)).sorted().toList();
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < done; i++) {
                        expected.add(path(i));
                    }
                    assertEquals(expected, files, "batch ending at " + done);
                    // every committed file's class is there whole: both methods; no class of a later file
                    List<String> java = nfsTree(serve, "/java");
                    TreeSet<String> classes = new TreeSet<>();
                    for (String l : java) {
                        String p = l.substring(l.indexOf(' ', 2) + 1);
                        if (l.startsWith("d ") && p.matches("p\\d/classes/C\\d{3}")) {
                            classes.add(p);
                        }
                    }
                    assertEquals(done, classes.size(), java.toString());
                    for (int i = 0; i < done; i++) {
                        String c = String.format("p%d/classes/C%03d", i / BATCH, i);
                        assertTrue(classes.contains(c), c);
                        assertTrue(java.contains(String.format("d 0 %s/methods/m%03d()", c, i)), c);
                        assertTrue(java.contains(String.format("d 0 %s/methods/size()", c)), c);
                    }
                    LiveServeTest.Result readme = run("curl", "-sS", serve.dav() + "/README.txt");
                    assertTrue(readme.output().contains("(indexing: " + done + " of " + FILES
                            + " files committed; the tree fills in as batches commit)"), readme.output());
                    String propfind = LiveServeTest.propfind(serve.dav() + "/files/p0/");
                    assertEquals(Math.min(done, BATCH), propfind.lines().filter(l -> l.contains(".java</D:href>"))
                            .count(), propfind);
                }
                store.proceed.release();
                if (done == FILES) {
                    break;
                }
            }
            assertTrue(serve.out().await("Ctrl-C stops.\n", serve.status(), TimeUnit.SECONDS.toNanos(120)),
                    serve.out().text());
        } finally {
            store.start.countDown();
            store.proceed.release(100);
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
        assertEquals(List.of(20L, 40L, 60L, 80L, 100L, 120L), seen);

        // the batched store equals a whole index of the same tree, edges included
        Path whole = tmp.resolve("whole.db");
        new SqliteStore().index(src, whole, null, 1, (d, t, p) -> { });
        List<String> batchedTree = treeOf(db);
        assertEquals(treeOf(whole), batchedTree);
        assertEquals(1, batchedTree.stream().filter(l -> l.startsWith("java/p0/classes/C019/methods/m019()/callees/")
                && l.endsWith(" -> java/p1/classes/C020/source")).count(),
                () -> "a call into a later batch resolved: " + batchedTree.stream()
                        .filter(l -> l.startsWith("java/p0/classes/C019/methods/m019()/callees/")).toList());
        try (SqliteGraph a = SqliteGraph.open(db); SqliteGraph b = SqliteGraph.open(whole);
             Snapshot sa = a.open(); Snapshot sb = b.open()) {
            assertEquals(sb.stats().constructs(), sa.stats().constructs());
            assertEquals(sb.stats().references(), sa.stats().references());
            assertEquals(FILES * 3L, sa.stats().constructs());
        }

        // and nfs-ls over a server of the batched store lists what one of the whole store lists
        ServeRun batched = ServeRun.start("serve", "--db", db.toString(), "--no-dav");
        ServeRun reference = ServeRun.start("serve", "--db", whole.toString(), "--no-dav");
        try {
            assertEquals(nfsTree(reference, "/").stream().filter(l -> !l.endsWith(" README.txt")).toList(),
                    nfsTree(batched, "/").stream().filter(l -> !l.endsWith(" README.txt")).toList());
        } finally {
            batched.stop().countDown();
            reference.stop().countDown();
        }
        assertEquals(0, batched.stopAndWait());
        assertEquals(0, reference.stopAndWait());
    }

    /** Every entry of a store's projection: path, type, size, and where a link points. */
    private static List<String> treeOf(Path db) {
        try (SqliteGraph g = SqliteGraph.open(db); ProjectionFs fs = new ProjectionFs(g); VfsSnapshot s = fs.open()) {
            List<String> out = new ArrayList<>();
            List<Entry> stack = new ArrayList<>(List.of(s.root()));
            while (!stack.isEmpty()) {
                Entry e = stack.removeLast();
                if (e.path().equals("README.txt")) {
                    continue; // names its database
                }
                out.add(e.path() + e.target().map(t -> " -> " + t).orElse(" " + e.type() + " " + e.size()));
                if (e.isDirectory()) {
                    stack.addAll(s.list(e));
                }
            }
            out.sort(null);
            return out;
        }
    }

    @Test
    void theDaemonAnswersBeforeTheFirstIndexCommitsAndWhileItsBatchesLand() throws Exception {
        Path src = repo();
        Path db = tmp.resolve("daemon.db");
        Path socket = tmp.resolve("ipc/d.sock");
        Gated store = new Gated();
        ServeRun daemon = ServeRun.startUntil(store, "daemon on ", "daemon", "--source", src.toString(), "--db",
                db.toString(), "--socket", socket.toString(), "--no-watch", "--threads", "1");
        try (DaemonGraph client = DaemonGraph.connect(socket, DaemonGraph.Codec.AUTO, Duration.ofSeconds(20))) {
            try (Snapshot s = client.open()) {
                assertEquals("initializing", s.stats().phase());
                assertEquals(List.of(), s.children(""));
                assertEquals("0".repeat(64), s.root());
            }
            store.start.countDown();
            assertEquals(BATCH, store.nextCommit());
            try (Snapshot s = client.open()) {
                assertEquals("parsing", s.stats().phase());
                assertEquals(List.of("files", "java"),
                        s.children("").stream().map(n -> n.name()).collect(Collectors.toList()));
                assertEquals(BATCH, s.children("files/p0").size());
                assertEquals(List.of(), s.children("files/p1"));
            }
            store.proceed.release(100);
            assertTrue(daemon.out().await("Ctrl-C stops.\n", daemon.status(), TimeUnit.SECONDS.toNanos(120)),
                    daemon.out().text());
            try (Snapshot s = client.open()) {
                assertEquals("ready", s.stats().phase());
                assertEquals(BATCH, s.children("files/p5").size());
            }
        } finally {
            store.start.countDown();
            store.proceed.release(100);
            daemon.stop().countDown();
        }
        assertEquals(0, daemon.stopAndWait());
    }
}
