package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.vfs.Fixture;
import dev.mache.vfs.MemoryGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** {@code mache serve} in-process: it prints where it serves, answers WebDAV and NFS there, and stops on request. */
class ServeTest {
    @TempDir
    Path tmp;

    /** Output that can be read, and waited for, while the command still runs. */
    static final class Capture extends ByteArrayOutputStream {
        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            notifyAll();
        }

        @Override
        public synchronized void write(int b) {
            super.write(b);
            notifyAll();
        }

        /** Waits (without polling) until the output contains {@code text} or {@code command} ended. */
        synchronized boolean await(String text, CompletableFuture<?> command, long timeoutNanos)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (!text().contains(text) && !command.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return text().contains(text);
        }
    }

    /** Every database holds the fixture tree; indexing is not expected. */
    private static GraphStore fixtureStore(Path db) {
        return new GraphStore() {
            @Override
            public Graph open(Path p) {
                return new MemoryGraph(Fixture.builder());
            }

            @Override
            public Path defaultDbFor(Path source) {
                return db;
            }

            @Override
            public Report index(Path s, Path d, Long m, Integer t, Progress p) {
                throw new AssertionError("serving --db must not index");
            }
        };
    }

    @Test
    void servesWebDavAndNfsOnLoopbackUntilStopped() throws Exception {
        Path db = Files.writeString(tmp.resolve("x.db"), "");
        GraphStore store = fixtureStore(db);
        ServeRun serve = ServeRun.start(store, "serve", "--db", db.toString());
        try {
            servesBoth(serve, db);
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
    }

    private void servesBoth(ServeRun serve, Path db) throws Exception {
        String printed = serve.out().text();
        assertTrue(printed.startsWith("serving " + db + "\nNFSv3 on 127.0.0.1:"), printed);
        Matcher nfs = Pattern.compile("nfsport=(\\d+)&mountport=(\\d+)").matcher(printed);
        assertTrue(nfs.find(), printed);
        Matcher dav = Pattern.compile("WebDAV: (http://127\\.0\\.0\\.1:\\d+/)\n").matcher(printed);
        assertTrue(dav.find(), printed);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> readme = http.send(HttpRequest.newBuilder(URI.create(dav.group(1) + "files/src/Main.java"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, readme.statusCode());
        assertEquals("class Main {}\n", readme.body());

        // libnfs's nfs-ls (Debian libnfs-utils), a client nobody here wrote; both ports given, no portmapper asked
        Process ls = new ProcessBuilder("nfs-ls", "nfs://127.0.0.1/go?version=3&nfsport=" + nfs.group(1)
                + "&mountport=" + nfs.group(2)).redirectErrorStream(true).start();
        String listing = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ls.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, ls.exitValue(), listing);
        assertTrue(listing.matches("dr-xr-xr-x +2 +\\d+ +\\d+ +0 internal\\.graph\n"), listing);

        assertEquals(0, serve.stopAndWait());
        assertThrows(java.io.IOException.class,
                () -> http.send(HttpRequest.newBuilder(URI.create(dav.group(1))).build(),
                        HttpResponse.BodyHandlers.discarding()), "WebDAV is closed after stop");
    }


    @Test
    void daemonServesTheGraphAndServeReadsItOverTheSocket() throws Exception {
        Path db = Files.writeString(tmp.resolve("x.db"), "");
        GraphStore store = fixtureStore(db);
        Path socket = tmp.resolve("ipc/d.sock");
        ServeRun daemon = ServeRun.start(store, "daemon", "--db", db.toString(), "--socket", socket.toString());
        try {
            servesOverTheDaemon(daemon, socket, db);
        } finally {
            daemon.stop().countDown();
        }
        assertEquals(0, daemon.stopAndWait());
        assertFalse(Files.exists(socket), "the daemon removes its socket");
    }

    private void servesOverTheDaemon(ServeRun daemon, Path socket, Path db) throws Exception {
        assertEquals("daemon on " + socket + " serving " + db + "\nCtrl-C stops.\n", daemon.out().text());
        ServeRun serve = ServeRun.start((GraphStore) null, "serve", "--ipc-socket", socket.toString(), "--no-nfs");
        try {
            readsThroughWebDav(serve);
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
    }

    private void readsThroughWebDav(ServeRun serve) throws Exception {
        Matcher dav = Pattern.compile("WebDAV: (http://127\\.0\\.0\\.1:\\d+/)\n").matcher(serve.out().text());
        assertTrue(dav.find(), serve.out().text());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> source = http.send(HttpRequest.newBuilder(
                URI.create(dav.group(1) + "go/internal.graph/functions/init/source")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, source.statusCode());
        assertEquals("func init() { Open() }\n", source.body());
    }

    @Test
    void serveNeedsSomethingToServe() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"serve"}, new Cli(null, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), false));
        assertEquals(1, status);
        assertEquals("mache: give a source DIR to index and serve, or --db FILE to serve\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
