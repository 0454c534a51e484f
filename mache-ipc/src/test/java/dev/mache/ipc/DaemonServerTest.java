package dev.mache.ipc;

import dev.mache.ipc.capnp.Frames;
import dev.mache.ipc.server.DaemonServer;
import dev.mache.schemas.Daemon;
import org.capnproto.MessageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon's socket, envelope errors and limits, seen by a raw client. */
class DaemonServerTest {
    @TempDir
    Path dir;
    final List<DaemonServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(DaemonServer::close);
    }

    DaemonServer start(DaemonServer.Options options) throws IOException {
        return start(dir.resolve("run/d.sock"), options);
    }

    DaemonServer start(Path socket, DaemonServer.Options options) throws IOException {
        DaemonServer s = DaemonServer.start(new MemoryGraph(MemoryGraph.sample()), socket, options);
        servers.add(s);
        return s;
    }

    static final String OK_STATUS_PREFIX = "{\"ok\":true,\"generation\":\"3\",\"phase\":\"ready\",\"current_root\":\"";

    @Test
    void socketIs0600InsideA0700Directory() throws Exception {
        DaemonServer s = start(DaemonServer.Options.defaults());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(s.socket(),
                LinkOption.NOFOLLOW_LINKS)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(s.socket().getParent())));
    }

    @Test
    void theDocumentedExchange() throws Exception {
        DaemonServer s = start(DaemonServer.Options.defaults());
        try (RawClient c = new RawClient(s.socket())) {
            assertEquals("{\"ok\":true,\"children\":[{\"id\":\"go/pkg/functions/Main\",\"parent_id\":\"go/pkg/functions\","
                    + "\"name\":\"Main\",\"kind\":1,\"size\":\"0\",\"mtime_ns\":\"1700000000000000021\",\"construct\":true},"
                    + "{\"id\":\"go/pkg/functions/Validate\",\"parent_id\":\"go/pkg/functions\",\"name\":\"Validate\","
                    + "\"kind\":1,\"size\":\"0\",\"mtime_ns\":\"1700000000000000025\",\"construct\":true}]}",
                    c.call("{\"op\":\"list_children\",\"id\":\"go/pkg/functions\"}"));
            assertEquals("{\"error\":\"node 'nope' not found\",\"ok\":false}", c.call("{\"op\":\"get_node\",\"id\":\"nope\"}"));
            assertEquals("{\"error\":\"unknown op: frobnicate\"}", c.call("{\"op\":\"frobnicate\"}"));
            assertEquals("{\"ok\":true,\"content\":\"func Main() { Validate() }\\n\"}",
                    c.call("{\"op\":\"read_content\",\"id\":\"go/pkg/functions/Main/source\"}"));
            assertEquals("{\"ok\":true,\"content\":\"Main\"}",
                    c.call("{\"op\":\"read_content\",\"id\":\"go/pkg/functions/Main/source\",\"offset\":\"5\",\"length\":4}"));
            // empty lines are skipped; unknown keys are ignored
            c.send("");
            assertTrue(c.call("{\"op\":\"status\",\"extra\":[1,2]}").startsWith(OK_STATUS_PREFIX));
        }
    }

    @Test
    void badInputGetsTheDocumentedErrorsAndTheConnectionKeepsServing() throws Exception {
        DaemonServer s = start(DaemonServer.Options.defaults());
        try (RawClient c = new RawClient(s.socket())) {
            assertEquals("{\"error\":\"invalid JSON: unexpected character 'h' at column 1\"}", c.call("hello"));
            assertEquals("{\"error\":\"invalid JSON: expected ',' or '}' at column 16\"}", c.call("{\"op\":\"status\" \"x\"}"));
            assertEquals("{\"error\":\"missing 'op' field\"}", c.call("{\"id\":\"x\"}"));
            assertEquals("{\"error\":\"missing 'op' field\"}", c.call("{\"op\":7}"));
            assertEquals("{\"error\":\"missing 'op' field\"}", c.call("[1,2]"));
            assertEquals("{\"error\":\"missing 'id' argument\",\"ok\":false}", c.call("{\"op\":\"get_node\"}"));
            assertEquals("{\"error\":\"invalid 'id': expected a string\",\"ok\":false}", c.call("{\"op\":\"get_node\",\"id\":5}"));
            assertEquals("{\"error\":\"query is not available: this daemon's graph exposes no SQL\",\"ok\":false}",
                    c.call("{\"op\":\"query\",\"sql\":\"SELECT 1\"}"));
            assertEquals("{\"error\":\"reparse is not available: this daemon was started without an indexer\",\"ok\":false}",
                    c.call("{\"op\":\"reparse\"}"));
            assertEquals("{\"error\":\"invalid JSON: nesting deeper than 64 at column 66\"}", c.call("[".repeat(100)));
            assertTrue(c.call("{\"op\":\"status\"}").startsWith(OK_STATUS_PREFIX));
        }
    }

    @Test
    void aHugeLineGetsAnErrorAndACloseWhileOthersAreServed() throws Exception {
        DaemonServer s = start(DaemonServer.Options.defaults());
        try (RawClient big = new RawClient(s.socket()); RawClient other = new RawClient(s.socket())) {
            byte[] huge = new byte[(1 << 20) + 4096];
            Arrays.fill(huge, (byte) 'x');
            huge[huge.length - 1] = '\n';
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    big.sendBytes(huge);
                } catch (IOException expected) {
                    // the daemon stops reading at the limit and closes
                }
            });
            assertEquals("{\"error\":\"request line exceeds 1048576 bytes\"}", big.readLine());
            assertTrue(big.closedByPeer());
            writer.join();
            assertTrue(other.call("{\"op\":\"status\"}").startsWith(OK_STATUS_PREFIX));
        }
        // a line just under the limit is served
        try (RawClient c = new RawClient(s.socket())) {
            String pad = "x".repeat((1 << 20) - 60);
            assertTrue(c.call("{\"op\":\"status\",\"pad\":\"" + pad + "\"}").startsWith(OK_STATUS_PREFIX));
        }
    }

    @Test
    void binaryGarbageGetsAnErrorMessageAndOthersAreServed() throws Exception {
        DaemonServer s = start(DaemonServer.Options.defaults());
        try (RawClient garbage = new RawClient(s.socket()); RawClient other = new RawClient(s.socket())) {
            garbage.sendBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f, 1, 2, 3, 4, 5, 6, 7, 8});
            MessageReader m = Frames.read(garbage.in(), 1 << 20);
            Daemon.ErrorResponse.Reader e = m.getRoot(Daemon.ErrorResponse.factory);
            assertFalse(e.getOk());
            assertEquals("message header declares 2147483648 segments (at most 64)", e.getError().toString());
            assertTrue(garbage.closedByPeer());
            assertTrue(other.call("{\"op\":\"status\"}").startsWith(OK_STATUS_PREFIX));
        }
        try (RawClient big = new RawClient(s.socket())) {
            // one segment of 2^28 words: refused from the header alone, nothing allocated
            big.sendBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 0x10});
            Daemon.ErrorResponse.Reader e = Frames.read(big.in(), 1 << 20).getRoot(Daemon.ErrorResponse.factory);
            assertEquals("message of 2147483648 bytes exceeds the limit of 1048576", e.getError().toString());
        }
        try (RawClient wrong = new RawClient(s.socket())) {
            // a well-framed message whose root pointer points outside the segment
            wrong.sendBytes(new byte[] {0, 0, 0, 0, 1, 0, 0, 0, (byte) 0xfc, (byte) 0xff, (byte) 0xff, 0x7f, 1, 0, 1, 0});
            Daemon.ErrorResponse.Reader e = Frames.read(wrong.in(), 1 << 20).getRoot(Daemon.ErrorResponse.factory);
            assertFalse(e.getOk());
            assertTrue(e.getError().toString().startsWith("invalid message"), e.getError().toString());
        }
    }

    @Test
    void aPeerWithAnotherUidIsRefused() throws Exception {
        long own = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        DaemonServer s = start(DaemonServer.Options.defaults().withAllowedUid((int) own + 1));
        try (RawClient c = new RawClient(s.socket())) {
            assertEquals("{\"error\":\"peer uid " + own + " is not allowed on this socket\"}",
                    c.call("{\"op\":\"status\"}"));
            assertTrue(c.closedByPeer());
        }
    }

    @Test
    void aRealProcessOfAnotherUserIsRefused() throws Exception {
        long own = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        Assumptions.assumeTrue(own == 0, "SKIPPED: needs root to run a client as uid 65534 (nobody)");
        DaemonServer s = start(DaemonServer.Options.defaults());
        // open the path to others just for this test, so the daemon's own uid check is what refuses
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(s.socket().getParent(), PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(s.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
        Process p = new ProcessBuilder("sh", "-c", "printf '{\"op\":\"status\"}\\n' | setpriv --reuid=65534 "
                + "--regid=65534 --clear-groups socat -t 5 - UNIX-CONNECT:" + s.socket())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("{\"error\":\"peer uid 65534 is not allowed on this socket\"}", out);
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        DaemonServer s = start(DaemonServer.Options.defaults().withMaxConnections(2));
        try (RawClient a = new RawClient(s.socket()); RawClient b = new RawClient(s.socket())) {
            assertTrue(a.call("{\"op\":\"flush\"}").startsWith("{\"ok\":true,\"current_root\":\""));
            assertTrue(b.call("{\"op\":\"flush\"}").startsWith("{\"ok\":true,\"current_root\":\""));
            try (RawClient c = new RawClient(s.socket())) {
                assertEquals("{\"error\":\"too many connections (limit 2)\"}", c.readLine());
                assertNull(c.readLine());
            }
            a.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (s.connectionCount() > 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            try (RawClient d = new RawClient(s.socket())) {
                assertTrue(d.call("{\"op\":\"flush\"}").startsWith("{\"ok\":true,\"current_root\":\""));
            }
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        DaemonServer s = start(DaemonServer.Options.defaults().withIdleTimeout(Duration.ofMillis(200)));
        try (RawClient c = new RawClient(s.socket())) {
            assertTrue(c.call("{\"op\":\"flush\"}").startsWith("{\"ok\":true"));
            long t0 = System.nanoTime();
            assertTrue(c.closedByPeer());
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(150));
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("stale.sock");
        // a server that died without cleaning up: its socket file stays, nobody listens
        try (org.newsclub.net.unix.AFUNIXServerSocket dead = org.newsclub.net.unix.AFUNIXServerSocket.newInstance()) {
            dead.setDeleteOnClose(false);
            dead.bind(org.newsclub.net.unix.AFUNIXSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "the dead server left its socket file behind");
        DaemonServer s = start(socket, DaemonServer.Options.defaults());
        try (RawClient c = new RawClient(s.socket())) {
            assertTrue(c.call("{\"op\":\"flush\"}").startsWith("{\"ok\":true"));
        }
    }

    @Test
    void aLiveSocketIsNotStolen() throws Exception {
        DaemonServer s = start(DaemonServer.Options.defaults());
        IOException e = assertThrows(IOException.class, () -> start(s.socket(), DaemonServer.Options.defaults()));
        assertEquals("another daemon is serving " + s.socket(), e.getMessage());
        try (RawClient c = new RawClient(s.socket())) {
            assertTrue(c.call("{\"op\":\"flush\"}").startsWith("{\"ok\":true"));
        }
    }

    @Test
    void aRegularFileOrAnOpenDirectoryIsRefused() throws Exception {
        Path file = dir.resolve("file.sock");
        Files.writeString(file, "keep me");
        IOException e = assertThrows(IOException.class, () -> start(file, DaemonServer.Options.defaults()));
        assertEquals(file + " exists and is not a socket; refusing to replace it", e.getMessage());
        assertEquals("keep me", Files.readString(file));
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        e = assertThrows(IOException.class, () -> start(open.resolve("d.sock"), DaemonServer.Options.defaults()));
        assertEquals("socket directory " + open + " has mode rwxr-xr-x; the daemon needs a private (rwx------) directory",
                e.getMessage());
    }

    @Test
    void closeDisconnectsClientsAndRemovesTheSocket() throws Exception {
        DaemonServer s = start(DaemonServer.Options.defaults());
        try (RawClient c = new RawClient(s.socket())) {
            assertTrue(c.call("{\"op\":\"flush\"}").startsWith("{\"ok\":true"));
            s.close();
            assertTrue(c.closedByPeer());
            assertFalse(Files.exists(s.socket(), LinkOption.NOFOLLOW_LINKS));
        }
    }
}
