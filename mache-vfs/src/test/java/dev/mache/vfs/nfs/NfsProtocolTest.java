package dev.mache.vfs.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.vfs.nfs.NfsRpcClient.Attr;
import dev.mache.vfs.nfs.NfsRpcClient.DirEntry;
import dev.mache.vfs.nfs.NfsRpcClient.DirPage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NFSv3 and MOUNTv3 procedures checked field by field with oncrpc4j's client side. */
class NfsProtocolTest {

    private static MemoryVfs vfs;
    private static NfsServer server;
    private static NfsRpcClient client;

    @BeforeAll
    static void start() {
        vfs = Fixtures.sample();
        server = NfsServer.start(vfs, new InetSocketAddress("127.0.0.1", 0));
        client = new NfsRpcClient(server.port());
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        server.close();
    }

    private static List<String> bigNames() {
        return IntStream.range(0, Fixtures.BIG_DIR_ENTRIES).mapToObj(i -> String.format("f%04d", i)).toList();
    }

    /** Pages through a directory with plain READDIR, checking every page against the count asked for. */
    private static List<DirEntry> readdirAll(NfsRpcClient c, byte[] dir, int count) throws IOException {
        List<DirEntry> all = new ArrayList<>();
        long cookie = 0;
        for (int pages = 0; pages < 100_000; pages++) {
            DirPage page = c.readdir(dir, cookie, count);
            assertEquals(0, page.status());
            assertTrue(page.encodedSize() <= count, "reply of " + page.encodedSize() + " bytes for count " + count);
            all.addAll(page.entries());
            if (page.eof()) {
                return all;
            }
            assertFalse(page.entries().isEmpty(), "a page that is neither full nor the end");
            cookie = page.entries().getLast().cookie();
        }
        throw new AssertionError("READDIR never reached eof");
    }

    @Test
    void plainReaddirWithSmallCountsReturnsEachOf5000NamesOnce() throws IOException {
        byte[] big = client.mnt("/big").value();
        for (int count : new int[] {512, 1000, 16 * 1024, 1024 * 1024}) {
            List<DirEntry> all = readdirAll(client, big, count);
            List<String> names = all.stream().map(DirEntry::name).toList();
            assertEquals(Fixtures.BIG_DIR_ENTRIES, names.size(), "count " + count);
            assertEquals(Fixtures.BIG_DIR_ENTRIES, new HashSet<>(names).size(), "count " + count);
            assertEquals(bigNames(), names, "bytewise order, count " + count);
            assertEquals(Fixtures.BIG_DIR_ENTRIES, all.stream().map(DirEntry::cookie).distinct().count());
        }
    }

    @Test
    void readdirplusNeverExceedsMaxcountAndCoversTheDirectory() throws IOException {
        byte[] big = client.mnt("/big").value();
        for (int maxcount : new int[] {1024, 16 * 1024, 1024 * 1024}) {
            Set<String> names = new LinkedHashSet<>();
            long cookie = 0;
            while (true) {
                DirPage page = client.readdirplus(big, cookie, maxcount / 8, maxcount);
                assertEquals(0, page.status());
                assertTrue(page.encodedSize() <= maxcount, page.encodedSize() + " > " + maxcount);
                for (DirEntry e : page.entries()) {
                    assertTrue(names.add(e.name()), "repeated " + e.name());
                }
                if (page.eof()) {
                    break;
                }
                cookie = page.entries().getLast().cookie();
            }
            assertEquals(List.copyOf(names), bigNames());
        }
    }

    @Test
    void tooSmallACountIsRefusedNotLooped() throws IOException {
        byte[] big = client.mnt("/big").value();
        assertEquals(Nfs3.ERR_TOOSMALL, client.readdir(big, 0, 50).status());
        assertEquals(Nfs3.ERR_TOOSMALL, client.readdirplus(big, 0, 50, 150).status());
    }

    @Test
    void readdirplusAttributesEqualGetattr() throws IOException {
        for (String dir : List.of("", "classes/Foo", "classes/Foo/callers", "a/b/c/d/e")) {
            byte[] fh = client.walk(dir);
            DirPage page = client.readdirplus(fh, 0, 64 * 1024, 64 * 1024);
            assertEquals(0, page.status());
            assertTrue(page.eof());
            assertFalse(page.entries().isEmpty());
            for (DirEntry e : page.entries()) {
                assertNotNull(e.attr(), e.name());
                Attr fromGetattr = client.getattr(e.handle()).value();
                assertEquals(fromGetattr, e.attr(), dir + "/" + e.name());
                assertEquals(e.fileId(), e.attr().fileId());
                byte[] looked = client.lookup(fh, e.name()).value();
                assertArrayEquals(looked, e.handle());
            }
        }
    }

    @Test
    void attributesFollowTheProjection() throws IOException {
        Attr dir = client.getattr(client.walk("classes/Foo")).value();
        assertEquals(Nfs3.NF3DIR, dir.type());
        assertEquals(0555, dir.mode());
        assertEquals(2, dir.nlink());
        Attr file = client.getattr(client.walk("classes/Foo/source")).value();
        assertEquals(Nfs3.NF3REG, file.type());
        assertEquals(0444, file.mode());
        assertEquals(1, file.nlink());
        assertEquals("class Foo { }\n".length(), file.size());
        assertEquals(new NfsRpcClient.Time(1_700_000_000, 123_456_789), file.mtime());
        assertEquals(file.mtime(), file.ctime());
        assertEquals(file.mtime(), file.atime());
        Attr link = client.getattr(client.walk("classes/Foo/callers/Bar")).value();
        assertEquals(Nfs3.NF3LNK, link.type());
        assertEquals(0777, link.mode());
        assertEquals("../../Bar/source".length(), link.size());
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        assertEquals(uid, file.uid());
    }

    @Test
    void readlinkReturnsTheRelativeTarget() throws IOException {
        assertEquals("../../Bar/source", client.readlink(client.walk("classes/Foo/callers/Bar")).value());
        assertEquals(Nfs3.ERR_INVAL, client.readlink(client.walk("classes/Foo/source")).status());
    }

    @Test
    void readReturnsExactBytesAndRefusesDirectories() throws IOException {
        byte[] blob = client.walk("blob.bin");
        byte[] expected = vfs.content("blob.bin");
        byte[] part = client.read(blob, 1_000_000, 70_000).value();
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 1_000_000, 1_070_000), part);
        assertEquals(0, client.read(blob, expected.length + 10L, 100).value().length);
        assertEquals(Nfs3.ERR_ISDIR, client.read(client.root(), 0, 100).status());
    }

    @Test
    void lookupOfDotAndDotDot() throws IOException {
        byte[] root = client.root();
        byte[] a = client.walk("a");
        byte[] ab = client.walk("a/b");
        assertArrayEquals(a, client.lookup(ab, "..").value());
        assertArrayEquals(ab, client.lookup(ab, ".").value());
        assertArrayEquals(root, client.lookup(a, "..").value());
        assertArrayEquals(root, client.lookup(root, "..").value());
        assertEquals(Nfs3.ERR_NOENT, client.lookup(root, "nosuch").status());
        assertEquals(Nfs3.ERR_NOTDIR, client.lookup(client.walk("README.md"), "x").status());
        assertEquals(Nfs3.ERR_NAMETOOLONG, client.lookup(root, "x".repeat(300)).status());
    }

    @Test
    void garbageHandlesAreBadHandles() throws IOException {
        assertEquals(Nfs3.ERR_BADHANDLE, client.getattr(new byte[] {1, 2, 3}).status());
        assertEquals(Nfs3.ERR_BADHANDLE, client.getattr(new byte[0]).status());
    }

    @Test
    void mountHandsOutAnyDirectoryAndNothingElse() throws IOException {
        assertArrayEquals(client.walk("a/b/c"), client.mnt("/a/b/c").value());
        assertArrayEquals(client.walk("a/b/c"), client.mnt("a//b/c/").value());
        assertArrayEquals(client.root(), client.mnt("").value());
        assertEquals(Nfs3.MNT3ERR_NOTDIR, client.mnt("/README.md").status());
        assertEquals(Nfs3.MNT3ERR_NOENT, client.mnt("/nosuch").status());
        assertEquals(Nfs3.MNT3ERR_NOENT, client.mnt("/a/../..").status());

        List<String> exports = client.mount(Nfs3.EXPORT, out -> { }, in -> {
            List<String> dirs = new ArrayList<>();
            while (in.xdrDecodeBoolean()) {
                dirs.add(in.xdrDecodeString());
                while (in.xdrDecodeBoolean()) {
                    in.xdrDecodeString();
                }
            }
            return dirs;
        });
        assertEquals(List.of("/"), exports);
        List<String> dumped = client.mount(Nfs3.DUMP, out -> { }, NfsProtocolTest::mountList);
        assertTrue(dumped.contains("127.0.0.1:/a/b/c"), dumped.toString());
        client.mount(Nfs3.UMNT, out -> out.xdrEncodeString("/a/b/c"), in -> null);
        assertFalse(client.mount(Nfs3.DUMP, out -> { }, NfsProtocolTest::mountList).contains("127.0.0.1:/a/b/c"));
        client.mount(Nfs3.UMNTALL, out -> { }, in -> null);
        assertEquals(List.of(), client.mount(Nfs3.DUMP, out -> { }, NfsProtocolTest::mountList));
    }

    private static List<String> mountList(XdrDecodingStream in) throws IOException {
        List<String> mounts = new ArrayList<>();
        while (in.xdrDecodeBoolean()) {
            mounts.add(in.xdrDecodeString() + ":" + in.xdrDecodeString());
        }
        return mounts;
    }

    @Test
    void fsinfoFsstatPathconfAnswer() throws IOException {
        byte[] root = client.root();
        int[] fsinfo = client.nfs(Nfs3.FSINFO, out -> out.xdrEncodeDynamicOpaque(root), in -> {
            int status = in.xdrDecodeInt();
            NfsRpcClient.postOp(in);
            return new int[] {status, in.xdrDecodeInt(), in.xdrDecodeInt(), in.xdrDecodeInt(), in.xdrDecodeInt()};
        });
        assertArrayEquals(new int[] {0, NfsProgram.RTMAX, NfsProgram.RTMAX, 4096, NfsProgram.WTMAX}, fsinfo);
        int fsstat = client.nfs(Nfs3.FSSTAT, out -> out.xdrEncodeDynamicOpaque(root), in -> in.xdrDecodeInt());
        assertEquals(0, fsstat);
        int[] pathconf = client.nfs(Nfs3.PATHCONF, out -> out.xdrEncodeDynamicOpaque(root), in -> {
            int status = in.xdrDecodeInt();
            NfsRpcClient.postOp(in);
            return new int[] {status, in.xdrDecodeInt(), in.xdrDecodeInt()};
        });
        assertArrayEquals(new int[] {0, 1, 255}, pathconf);
        int access = client.nfs(Nfs3.ACCESS, out -> {
            out.xdrEncodeDynamicOpaque(root);
            out.xdrEncodeInt(0x3f);
        }, in -> {
            assertEquals(0, in.xdrDecodeInt());
            NfsRpcClient.postOp(in);
            return in.xdrDecodeInt();
        });
        assertEquals(Nfs3.ACCESS_READ | Nfs3.ACCESS_LOOKUP | Nfs3.ACCESS_EXECUTE, access);
    }

    // ---- every change is refused, with wcc_data that says nothing changed

    private static void sattr(XdrEncodingStream out) {
        for (int i = 0; i < 6; i++) {
            out.xdrEncodeInt(0); // set_mode..set_mtime: don't change
        }
    }

    private static void dirop(XdrEncodingStream out, byte[] dir, String name) {
        out.xdrEncodeDynamicOpaque(dir);
        out.xdrEncodeString(name);
    }

    @Test
    void everyChangeIsRefusedWithReadOnlyFilesystem() throws IOException {
        byte[] dir = client.walk("classes/Foo");
        byte[] file = client.walk("classes/Foo/source");
        Attr dirAttr = client.getattr(dir).value();
        Attr fileAttr = client.getattr(file).value();
        record Change(int proc, NfsRpcClient.Encoder args, boolean onFile) { }
        List<Change> changes = List.of(
                new Change(Nfs3.SETATTR, out -> {
                    out.xdrEncodeDynamicOpaque(file);
                    sattr(out);
                    out.xdrEncodeBoolean(false);
                }, true),
                new Change(Nfs3.WRITE, out -> {
                    out.xdrEncodeDynamicOpaque(file);
                    out.xdrEncodeLong(0);
                    out.xdrEncodeInt(5);
                    out.xdrEncodeInt(2);
                    out.xdrEncodeDynamicOpaque("hello".getBytes());
                }, true),
                new Change(Nfs3.CREATE, out -> {
                    dirop(out, dir, "new");
                    out.xdrEncodeInt(0);
                    sattr(out);
                }, false),
                new Change(Nfs3.MKDIR, out -> {
                    dirop(out, dir, "newdir");
                    sattr(out);
                }, false),
                new Change(Nfs3.SYMLINK, out -> {
                    dirop(out, dir, "newlink");
                    sattr(out);
                    out.xdrEncodeString("source");
                }, false),
                new Change(Nfs3.MKNOD, out -> {
                    dirop(out, dir, "fifo");
                    out.xdrEncodeInt(7);
                    sattr(out);
                }, false),
                new Change(Nfs3.REMOVE, out -> dirop(out, dir, "source"), false),
                new Change(Nfs3.RMDIR, out -> dirop(out, dir, "callers"), false),
                new Change(Nfs3.COMMIT, out -> {
                    out.xdrEncodeDynamicOpaque(file);
                    out.xdrEncodeLong(0);
                    out.xdrEncodeInt(0);
                }, true));
        for (Change change : changes) {
            Attr after = client.nfs(change.proc(), change.args(), in -> {
                assertEquals(Nfs3.ERR_ROFS, in.xdrDecodeInt(), "proc " + change.proc());
                return NfsRpcClient.wcc(in);
            });
            assertEquals(change.onFile() ? fileAttr : dirAttr, after, "proc " + change.proc());
        }
        byte[] other = client.walk("classes/Bar");
        List<Attr> rename = client.nfs(Nfs3.RENAME, out -> {
            dirop(out, dir, "source");
            dirop(out, other, "moved");
        }, in -> {
            assertEquals(Nfs3.ERR_ROFS, in.xdrDecodeInt());
            return List.of(NfsRpcClient.wcc(in), NfsRpcClient.wcc(in));
        });
        assertEquals(List.of(dirAttr, client.getattr(other).value()), rename);
        List<Attr> link = client.nfs(Nfs3.LINK, out -> {
            out.xdrEncodeDynamicOpaque(file);
            dirop(out, other, "hard");
        }, in -> {
            assertEquals(Nfs3.ERR_ROFS, in.xdrDecodeInt());
            return List.of(NfsRpcClient.postOp(in), NfsRpcClient.wcc(in));
        });
        assertEquals(List.of(fileAttr, client.getattr(other).value()), link);
        // and the tree is unchanged
        assertEquals(0, client.lookup(dir, "source").status());
        assertEquals(Nfs3.ERR_NOENT, client.lookup(dir, "new").status());
    }

    @Test
    void nullProcedureAnswersOnBothPrograms() throws IOException {
        assertNull(client.nfs(Nfs3.NULL, out -> { }, in -> null));
        assertNull(client.mount(Nfs3.NULL, out -> { }, in -> null));
    }
}
