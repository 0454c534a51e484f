package dev.mache.vfs.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.vfs.Entry;
import dev.mache.vfs.HandleLookup;
import dev.mache.vfs.VfsSnapshot;
import dev.mache.vfs.VirtualFileSystem;
import dev.mache.vfs.nfs.NfsRpcClient.DirEntry;
import dev.mache.vfs.nfs.NfsRpcClient.DirPage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Restarts, hot swaps, malformed requests and slow calls. */
class NfsRobustnessTest {

    private static NfsServer serve(VirtualFileSystem vfs) {
        return NfsServer.start(vfs, new InetSocketAddress("127.0.0.1", 0));
    }

    // ---- handles and cookies across restarts and swaps

    @Test
    void aHandleFromBeforeARestartWorksAfterIt() throws IOException {
        MemoryVfs vfs = Fixtures.sample();
        byte[] fh;
        NfsRpcClient.Attr before;
        try (NfsServer first = serve(vfs); NfsRpcClient c = new NfsRpcClient(first.port())) {
            fh = c.walk("a/b/c/d/e/deep.txt");
            before = c.getattr(fh).value();
        }
        try (NfsServer second = serve(vfs); NfsRpcClient c = new NfsRpcClient(second.port())) {
            assertEquals(before, c.getattr(fh).value());
            assertArrayEquals(vfs.content("a/b/c/d/e/deep.txt"), c.read(fh, 0, 1 << 20).value());
        }
    }

    @Test
    void aRemovedNodesHandleIsStaleAfterASwap() throws IOException {
        MemoryVfs vfs = Fixtures.sample();
        try (NfsServer server = serve(vfs); NfsRpcClient c = new NfsRpcClient(server.port())) {
            byte[] file = c.walk("classes/Foo/source");
            byte[] dir = c.walk("classes/Foo/callers");
            byte[] kept = c.walk("classes/Bar/source");
            vfs.remove("classes/Foo").publish();
            assertEquals(Nfs3.ERR_STALE, c.getattr(file).status());
            assertEquals(Nfs3.ERR_STALE, c.read(file, 0, 10).status());
            assertEquals(Nfs3.ERR_STALE, c.readdir(dir, 0, 4096).status());
            assertEquals(Nfs3.ERR_STALE, c.lookup(dir, "Bar").status());
            assertEquals(0, c.getattr(kept).status());
            assertEquals(Nfs3.MNT3ERR_NOENT, c.mnt("/classes/Foo").status());
        }
    }

    @Test
    void readdirCookiesSurviveAHotSwap() throws IOException {
        MemoryVfs vfs = Fixtures.sample();
        try (NfsServer server = serve(vfs); NfsRpcClient c = new NfsRpcClient(server.port())) {
            byte[] big = c.mnt("/big").value();
            DirPage first = c.readdir(big, 0, 8 * 1024);
            assertFalse(first.eof());
            List<String> seen = new ArrayList<>(first.entries().stream().map(DirEntry::name).toList());
            String last = seen.getLast();
            // the swap removes the entry the cookie names, one not yet listed, and adds two
            vfs.remove("big/" + last).remove("big/f4000").file("big/f0000a", "before the cookie\n")
                    .file("big/f4999z", "after the cookie\n").publish();
            long cookie = first.entries().getLast().cookie();
            while (true) {
                DirPage page = c.readdir(big, cookie, 8 * 1024);
                assertEquals(0, page.status());
                page.entries().forEach(e -> seen.add(e.name()));
                if (page.eof()) {
                    break;
                }
                cookie = page.entries().getLast().cookie();
            }
            assertEquals(seen.size(), new HashSet<>(seen).size(), "an entry came twice");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < Fixtures.BIG_DIR_ENTRIES; i++) {
                String name = String.format("f%04d", i);
                if (!name.equals("f4000")) {
                    expected.add(name);
                }
            }
            expected.add("f4999z");
            assertEquals(expected, seen, "every entry present in both versions exactly once, in order");
        }
    }

    @Test
    void cookiesWorkAcrossARestartAndAGoneOneIsABadCookie() throws IOException {
        MemoryVfs vfs = Fixtures.sample();
        long cookie;
        long goneCookie;
        List<String> firstNames;
        try (NfsServer first = serve(vfs); NfsRpcClient c = new NfsRpcClient(first.port())) {
            DirPage page = c.readdir(c.mnt("/big").value(), 0, 4 * 1024);
            firstNames = page.entries().stream().map(DirEntry::name).toList();
            cookie = page.entries().getLast().cookie();
            goneCookie = page.entries().getFirst().cookie();
        }
        vfs.remove("big/" + firstNames.getFirst()).publish();
        try (NfsServer second = serve(vfs); NfsRpcClient c = new NfsRpcClient(second.port())) {
            byte[] big = c.mnt("/big").value();
            DirPage next = c.readdir(big, cookie, 4 * 1024);
            assertEquals(0, next.status());
            int after = Integer.parseInt(firstNames.getLast().substring(1)) + 1;
            assertEquals(String.format("f%04d", after), next.entries().getFirst().name());
            assertEquals(Nfs3.ERR_BAD_COOKIE, c.readdir(big, goneCookie, 4 * 1024).status(),
                    "a cookie this server never issued, of a name that is gone");
        }
    }

    // ---- malformed requests

    private static ByteBuffer getattrWith(byte[] rawHandleField) {
        ByteBuffer b = RawRpc.nfsCall(7, Nfs3.GETATTR);
        b.put(rawHandleField);
        return b;
    }

    @Test
    void truncatedAndOversizedArgumentsGetGarbageArgsAndTheConnectionSurvives() throws IOException {
        try (NfsServer server = serve(Fixtures.sample()); RawRpc raw = new RawRpc(server.port())) {
            // a handle claiming 40 bytes with 8 present
            raw.send(getattrWith(ByteBuffer.allocate(12).putInt(40).putLong(1).array()));
            RawRpc.Reply truncated = raw.receive();
            assertEquals(7, truncated.xid());
            assertEquals(RawRpc.GARBAGE_ARGS, truncated.acceptOrRejectStat());
            // a handle claiming 2 GB
            raw.send(getattrWith(ByteBuffer.allocate(8).putInt(0x7fffffff).putInt(0).array()));
            assertEquals(RawRpc.GARBAGE_ARGS, raw.receive().acceptOrRejectStat());
            // a handle over NFS3_FHSIZE
            ByteBuffer longHandle = ByteBuffer.allocate(4 + 68).putInt(68);
            raw.send(getattrWith(longHandle.array()));
            assertEquals(RawRpc.GARBAGE_ARGS, raw.receive().acceptOrRejectStat());
            // a MOUNT path claiming 1 GB
            ByteBuffer mnt = RawRpc.call(8, Nfs3.MOUNT_PROGRAM, 3, Nfs3.MNT, Nfs3.AUTH_NONE, new byte[0]);
            mnt.putInt(1 << 30).putInt(0);
            raw.send(mnt);
            assertEquals(RawRpc.GARBAGE_ARGS, raw.receive().acceptOrRejectStat());
            // no arguments at all
            raw.send(RawRpc.nfsCall(9, Nfs3.READDIR));
            assertEquals(RawRpc.GARBAGE_ARGS, raw.receive().acceptOrRejectStat());
            // unknown procedure and program
            raw.send(RawRpc.nfsCall(10, 99));
            assertEquals(RawRpc.PROC_UNAVAIL, raw.receive().acceptOrRejectStat());
            raw.send(RawRpc.call(11, 100099, 1, 0, Nfs3.AUTH_NONE, new byte[0]));
            assertEquals(RawRpc.PROG_UNAVAIL, raw.receive().acceptOrRejectStat());
            // and the same connection still gets served
            raw.send(RawRpc.nfsCall(12, Nfs3.NULL));
            RawRpc.Reply ok = raw.receive();
            assertEquals(12, ok.xid());
            assertEquals(RawRpc.SUCCESS, ok.acceptOrRejectStat());
        }
    }

    @Test
    void aCallSplitIntoFragmentsIsReassembled() throws IOException {
        try (NfsServer server = serve(Fixtures.sample()); RawRpc raw = new RawRpc(server.port())) {
            ByteBuffer call = RawRpc.nfsCall(21, Nfs3.NULL);
            byte[] body = java.util.Arrays.copyOf(call.array(), call.position());
            ByteBuffer framed = ByteBuffer.allocate(body.length + 12);
            framed.putInt(10).put(body, 0, 10).putInt(0).putInt(0x80000000 | (body.length - 10))
                    .put(body, 10, body.length - 10);
            raw.sendRaw(framed.array());
            RawRpc.Reply reply = raw.receive();
            assertEquals(21, reply.xid());
            assertEquals(RawRpc.SUCCESS, reply.acceptOrRejectStat());
        }
    }

    @Test
    void hostileHeadersCloseTheirConnectionOnly() throws IOException {
        try (NfsServer server = serve(Fixtures.sample()); NfsRpcClient good = new NfsRpcClient(server.port())) {
            byte[] root = good.root();
            // a record marker claiming 2 GB: closed at once, nothing buffered
            try (RawRpc raw = new RawRpc(server.port())) {
                raw.sendRaw(ByteBuffer.allocate(14).putInt(0x7fffffff).putInt(1).putInt(0).array());
                assertTrue(raw.closedByServer());
            }
            // a record just over the limit, in many fragments
            try (RawRpc raw = new RawRpc(server.port())) {
                int fragment = NfsServer.MAX_RECORD / 4 + 1;
                for (int i = 0; i < 4; i++) {
                    raw.sendRaw(ByteBuffer.allocate(4 + fragment).putInt(fragment).array());
                }
                assertTrue(raw.closedByServer());
            }
            // endless empty fragments
            try (RawRpc raw = new RawRpc(server.port())) {
                raw.sendRaw(new byte[4 * (RecordFramer.MAX_FRAGMENTS + 1)]);
                assertTrue(raw.closedByServer());
            }
            // an AUTH_SYS credential whose machine name claims 2 GB
            try (RawRpc raw = new RawRpc(server.port())) {
                byte[] cred = ByteBuffer.allocate(20).putInt(0).putInt(0x7ffffff0).putInt(0).putInt(0).putInt(0)
                        .array();
                raw.send(RawRpc.call(1, Nfs3.PROGRAM, 3, Nfs3.NULL, Nfs3.AUTH_SYS, cred));
                assertTrue(raw.closedByServer());
            }
            // an AUTH_SYS credential with 100,000 groups
            try (RawRpc raw = new RawRpc(server.port())) {
                byte[] cred = ByteBuffer.allocate(20).putInt(0).putInt(0).putInt(0).putInt(0).putInt(100_000)
                        .array();
                raw.send(RawRpc.call(1, Nfs3.PROGRAM, 3, Nfs3.NULL, Nfs3.AUTH_SYS, cred));
                assertTrue(raw.closedByServer());
            }
            // an AUTH_SYS credential longer than its fields: decoding it would shift the arguments
            try (RawRpc raw = new RawRpc(server.port())) {
                byte[] cred = java.util.Arrays.copyOf(RawRpc.authSys("m", 0, 0), 28);
                raw.send(RawRpc.call(1, Nfs3.PROGRAM, 3, Nfs3.NULL, Nfs3.AUTH_SYS, cred));
                assertTrue(raw.closedByServer());
            }
            // a flavour mache does not serve (RPCSEC_GSS): denied, AUTH_TOOWEAK
            try (RawRpc raw = new RawRpc(server.port())) {
                raw.send(RawRpc.call(5, Nfs3.PROGRAM, 3, Nfs3.NULL, 6, new byte[16]));
                RawRpc.Reply denied = raw.receive();
                assertEquals(5, denied.xid());
                assertEquals(RawRpc.MSG_DENIED, denied.replyStat());
                assertEquals(1, denied.acceptOrRejectStat(), "AUTH_ERROR");
                assertEquals(5, denied.authStat(), "AUTH_TOOWEAK");
            }
            // random bytes, then end of stream: the server answers or hangs up, and never stops serving
            Random random = new Random(1813);
            for (int i = 0; i < 30; i++) {
                try (RawRpc raw = new RawRpc(server.port())) {
                    byte[] noise = new byte[1 + random.nextInt(2000)];
                    random.nextBytes(noise);
                    if (i % 3 == 0) {
                        noise[0] = (byte) 0x80; // a last-fragment marker of a plausible size
                        noise[1] = 0;
                        noise[2] = (byte) ((noise.length - 4) >> 8);
                        noise[3] = (byte) (noise.length - 4);
                    }
                    raw.sendRaw(noise);
                    raw.shutdownOutput();
                    while (raw.receive() != null) {
                        // drain whatever replies the noise earned
                    }
                }
            }
            assertEquals(0, good.getattr(root).status(), "the well-behaved client is still served");
            assertEquals(0, new NfsRpcClient(server.port()).getattr(root).status(), "and new ones too");
        }
    }

    @Test
    void aClientStuckInTheMiddleOfARecordHoldsBackNoOne() throws IOException {
        try (NfsServer server = serve(Fixtures.sample()); RawRpc stuck = new RawRpc(server.port());
             NfsRpcClient good = new NfsRpcClient(server.port())) {
            stuck.sendRaw(ByteBuffer.allocate(4 + 1000).putInt(0x80000000 | 100_000).array());
            assertEquals(0, good.getattr(good.walk("classes/Foo/source")).status());
            assertEquals(Fixtures.BIG_DIR_ENTRIES, good.readdir(good.mnt("/big").value(), 0, 1 << 20)
                    .entries().size());
        }
    }

    // ---- concurrency

    /** Wraps a VFS so that listing "big" waits until released. */
    private static VirtualFileSystem slowBigDirectory(VirtualFileSystem inner, CountDownLatch entered,
                                                      CountDownLatch release) {
        return new VirtualFileSystem() {
            @Override
            public VfsSnapshot open() {
                VfsSnapshot s = inner.open();
                return new VfsSnapshot() {
                    public Entry root() {
                        return s.root();
                    }

                    public Optional<Entry> lookup(String path) {
                        return s.lookup(path);
                    }

                    public Optional<Entry> lookup(Entry dir, String name) {
                        return s.lookup(dir, name);
                    }

                    public List<Entry> list(Entry dir) {
                        return s.list(dir);
                    }

                    public List<Entry> listAfter(Entry dir, String afterName, int limit) {
                        if (dir.path().equals("big")) {
                            entered.countDown();
                            try {
                                assertTrue(release.await(30, TimeUnit.SECONDS));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return s.listAfter(dir, afterName, limit);
                    }

                    public byte[] read(Entry file, long offset, int length) {
                        return s.read(file, offset, length);
                    }

                    public byte[] handle(Entry entry) {
                        return s.handle(entry);
                    }

                    public HandleLookup resolve(byte[] handle) {
                        return s.resolve(handle);
                    }

                    public String snapshotRoot() {
                        return s.snapshotRoot();
                    }

                    public void close() {
                        s.close();
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aSlowReaddirHoldsBackNoOtherCall() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MemoryVfs vfs = Fixtures.sample();
        try (NfsServer server = serve(slowBigDirectory(vfs, entered, release));
             NfsRpcClient slow = new NfsRpcClient(server.port());
             NfsRpcClient other = new NfsRpcClient(server.port());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            byte[] big = slow.mnt("/big").value();
            Future<DirPage> listing = pool.submit(() -> slow.readdir(big, 0, 1 << 20));
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the READDIR reached the VFS");
            // while it is stuck in the VFS, other calls (also on the same connection) are answered
            assertEquals(0, other.getattr(other.walk("a/b/c/d/e/deep.txt")).status());
            assertArrayEquals(vfs.content("README.md"), slow.read(slow.walk("README.md"), 0, 100).value());
            assertFalse(listing.isDone());
            release.countDown();
            DirPage page = listing.get(30, TimeUnit.SECONDS);
            assertEquals(Fixtures.BIG_DIR_ENTRIES, page.entries().size());
            assertTrue(page.eof());
        }
    }

    @Test
    void manyClientsWithManyCallsInFlight() throws Exception {
        MemoryVfs vfs = Fixtures.sample();
        try (NfsServer server = serve(vfs); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Set<String>>> walks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                walks.add(CompletableFuture.supplyAsync(() -> {
                    try (NfsRpcClient c = new NfsRpcClient(server.port())) {
                        Set<String> names = new HashSet<>();
                        long cookie = 0;
                        byte[] big = c.mnt("/big").value();
                        while (true) {
                            DirPage p = c.readdirplus(big, cookie, 2048, 16 * 1024);
                            p.entries().forEach(e -> names.add(e.name()));
                            if (p.eof()) {
                                return names;
                            }
                            cookie = p.entries().getLast().cookie();
                        }
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, pool));
            }
            for (CompletableFuture<Set<String>> walk : walks) {
                Set<String> names = walk.get(60, TimeUnit.SECONDS);
                assertNotNull(names);
                assertEquals(Fixtures.BIG_DIR_ENTRIES, names.size());
            }
        }
    }
}
