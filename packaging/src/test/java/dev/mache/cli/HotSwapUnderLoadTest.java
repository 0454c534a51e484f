package dev.mache.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.vfs.nfs.NfsRpcClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's hot swap under load, in {@code mache serve DIR} and through the daemon: two stateless frontends
 * ({@code serve --ipc-socket}) of one {@code mache daemon}. Readers looping over NFS (raw RPC, one file handle kept for the whole run) and WebDAV (GET)
 * while 100 edits are saved, and the daemon restarted half way. Every read is a committed version, never torn; a
 * handle from one frontend resolves on the other and survives the restart; each new method shows (the time is
 * measured and printed), and every tenth is checked with libnfs's nfs-ls and a curl PROPFIND.
 */
class HotSwapUnderLoadTest {
    @TempDir
    Path tmp;

    private static final String SOURCE = "java/demo/classes/A/source";

    /** Version {@code v} of A.java: methods m0..mv, each a line; the class's source is what the tree serves. */
    static String file(int v) {
        StringBuilder b = new StringBuilder("package demo;\n\nclass A {\n");
        for (int i = 0; i <= v; i++) {
            b.append("    int m").append(i).append("() { return ").append(i).append("; }\n");
        }
        return b.append("}\n").toString();
    }

    static String classSource(int v) {
        String f = file(v);
        return f.substring(f.indexOf("class A"), f.lastIndexOf('}') + 1);
    }

    private static void save(Path file, String text) throws Exception {
        Path temp = file.resolveSibling(".A.java.tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(temp, FileTime.fromMillis(System.currentTimeMillis()));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * {@code throughDaemon}: two frontends of one daemon, restarted half way; else one {@code mache serve DIR} that
     * indexes and watches the tree itself.
     */
    @ParameterizedTest(name = "through the daemon: {0}")
    @ValueSource(booleans = {false, true})
    void readersSeeOnlyCommittedVersionsThroughAHundredEdits(boolean throughDaemon) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/demo"));
        Path a = src.resolve("A.java");
        save(a, file(0));
        Files.writeString(src.resolve("B.java"), "package demo;\n\nclass B {\n    int b() { return new A().m0(); }\n}\n");
        Path db = tmp.resolve("daemon.db");
        Path socket = tmp.resolve("ipc/d.sock");
        String[] daemonArgs = {"daemon", "--source", tmp.resolve("src").toString(), "--db", db.toString(),
                "--socket", socket.toString(), "--threads", "1"};
        ServeRun daemon = throughDaemon ? ServeRun.start(daemonArgs) : null;
        ServeRun bothFront = throughDaemon ? ServeRun.start("serve", "--ipc-socket", socket.toString())
                : ServeRun.start("serve", tmp.resolve("src").toString(), "--db", db.toString(), "--threads", "1");
        ServeRun nfsFront = throughDaemon ? ServeRun.start("serve", "--ipc-socket", socket.toString(), "--no-dav")
                : bothFront;
        Set<String> committed = ConcurrentHashMap.newKeySet();
        committed.add(classSource(0));
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        // readers hold the read lock for each read; the restart takes the write lock, so no read is in flight
        // while the daemon is down (the frontends reconnect; what is tested is that they do, and the handle holds)
        ReentrantReadWriteLock restart = new ReentrantReadWriteLock(true);
        AtomicInteger nfsReads = new AtomicInteger();
        AtomicInteger davReads = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        try (NfsRpcClient one = new NfsRpcClient(ServedAddresses.nfsPort(nfsFront.out().text()));
             NfsRpcClient other = new NfsRpcClient(ServedAddresses.nfsPort(bothFront.out().text()))) {
            // stateless frontends: a handle from one resolves on the other
            byte[] handle = one.walk(SOURCE);
            NfsRpcClient.Status<byte[]> viaOne = one.read(handle, 0, 1 << 16);
            NfsRpcClient.Status<byte[]> viaOther = other.read(handle, 0, 1 << 16);
            assertEquals(0, viaOne.status());
            assertEquals(0, viaOther.status());
            assertArrayEquals(classSource(0).getBytes(StandardCharsets.UTF_8), viaOther.value());

            readers.add(Thread.ofPlatform().name("nfs-reader").start(() -> {
                while (running.get()) {
                    restart.readLock().lock();
                    try {
                        NfsRpcClient.Status<byte[]> r = other.read(handle, 0, 1 << 16);
                        String text = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
                        if (r.status() != 0 || !committed.contains(text)) {
                            problems.add("NFS READ " + r.status() + ": " + text);
                        }
                        nfsReads.incrementAndGet();
                    } catch (Exception e) {
                        problems.add("NFS READ: " + e);
                    } finally {
                        restart.readLock().unlock();
                    }
                }
            }));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI sourceUri = URI.create(bothFront.dav() + "/" + SOURCE);
            readers.add(Thread.ofPlatform().name("dav-reader").start(() -> {
                while (running.get()) {
                    restart.readLock().lock();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sourceUri).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !committed.contains(r.body())) {
                            problems.add("GET " + r.statusCode() + ": " + r.body());
                        }
                        davReads.incrementAndGet();
                    } catch (Exception e) {
                        problems.add("GET: " + e);
                    } finally {
                        restart.readLock().unlock();
                    }
                }
            }));

            List<Long> visibleMillis = new ArrayList<>();
            for (int v = 1; v <= 100; v++) {
                if (v == 51 && throughDaemon) {
                    // the daemon restarts; readers wait for it, then go on with the same handle
                    restart.writeLock().lock();
                    try {
                        assertEquals(0, daemon.stopAndWait());
                        daemon = ServeRun.start(daemonArgs);
                    } finally {
                        restart.writeLock().unlock();
                    }
                }
                committed.add(classSource(v)); // before the save: a reader may see it as soon as it commits
                long saved = System.nanoTime();
                save(a, file(v));
                URI method = URI.create(bothFront.dav() + "/java/demo/classes/A/methods/m" + v + "()/source");
                long deadline = saved + Duration.ofSeconds(30).toNanos();
                while (http.send(HttpRequest.newBuilder(method).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() != 200) {
                    assertTrue(System.nanoTime() < deadline, "m" + v + "() did not show within 30 s");
                    Thread.sleep(5); // polling interval of the probe, not a wait for a server
                }
                visibleMillis.add((System.nanoTime() - saved) / 1_000_000);
                if (v % 10 == 0) {
                    LiveServeTest.Result ls = LiveServeTest.run("nfs-ls", nfsFront.nfs("/java/demo/classes/A/methods"));
                    assertEquals(0, ls.status(), ls.output());
                    assertTrue(ls.output().contains(" m" + v + "()\n"), ls.output());
                    LiveServeTest.Result propfind = LiveServeTest.run("curl", "-s", "-X", "PROPFIND", "-H",
                            "Depth: 1", bothFront.dav() + "/java/demo/classes/A/methods/");
                    assertEquals(0, propfind.status(), propfind.output());
                    assertTrue(Pattern.compile("/java/demo/classes/A/methods/m" + v + "(\\(\\)|%28%29)/<")
                            .matcher(propfind.output()).find(), propfind.output());
                }
            }
            running.set(false);
            for (Thread t : readers) {
                t.join(30_000);
            }
            assertEquals(List.of(), problems.stream().limit(5).toList(), problems.size() + " bad reads");
            assertTrue(nfsReads.get() > 100 && davReads.get() > 100, nfsReads + " NFS, " + davReads + " WebDAV reads");
            // the handle taken before the restart still reads the newest version
            assertArrayEquals(classSource(100).getBytes(StandardCharsets.UTF_8), one.read(handle, 0, 1 << 16).value());
            List<Long> sorted = new ArrayList<>(visibleMillis);
            Collections.sort(sorted);
            System.out.printf("hot swap under load (" + (throughDaemon ? "two frontends of a daemon, restarted"
                    : "serve DIR") + "): %d edits, save -> visible over WebDAV median %d ms, max %d ms; "
                    + "%d NFS and %d WebDAV reads, all committed versions%n", sorted.size(),
                    sorted.get(sorted.size() / 2), sorted.getLast(), nfsReads.get(), davReads.get());
        } finally {
            running.set(false);
            if (nfsFront != bothFront) {
                assertEquals(0, nfsFront.stopAndWait());
            }
            assertEquals(0, bothFront.stopAndWait());
            if (daemon != null) {
                assertEquals(0, daemon.stopAndWait());
            }
        }
    }
}
