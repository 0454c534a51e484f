package dev.mache.vfs.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.vfs.Entry;
import dev.mache.vfs.EntryType;
import dev.mache.vfs.VfsSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as libnfs's command-line clients (nfs-ls, nfs-cat, nfs-cp) see it: TESTING.md §2. */
class LibnfsClientTest {

    /** nfs-ls prints "mode nlink uid gid size path". */
    private static final Pattern LINE = Pattern.compile("^(\\S{10})\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+) (.+)$");

    private static MemoryVfs vfs;
    private static NfsServer server;

    @BeforeAll
    static void start() {
        Tools.require("nfs-ls");
        Tools.require("nfs-cat");
        Tools.require("nfs-cp");
        vfs = Fixtures.sample();
        server = NfsServer.start(vfs, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url(String path) {
        return "nfs://127.0.0.1/" + path + "?version=3&nfsport=" + server.port() + "&mountport=" + server.port();
    }

    /** Every entry below {@code dir}, as "path → entry", walked through the VFS itself. */
    private static Map<String, Entry> expected(String dir) {
        Map<String, Entry> all = new HashMap<>();
        try (VfsSnapshot snap = vfs.open()) {
            walk(snap, snap.lookup(dir).orElseThrow(), all);
        }
        return all;
    }

    private static void walk(VfsSnapshot snap, Entry dir, Map<String, Entry> into) {
        for (Entry child : snap.list(dir)) {
            into.put(child.path(), child);
            if (child.isDirectory()) {
                walk(snap, child, into);
            }
        }
    }

    private record Listed(String mode, long size, String path) { }

    private static List<Listed> parse(List<String> lines) {
        List<Listed> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), "unexpected nfs-ls line: " + line);
            out.add(new Listed(m.group(1), Long.parseLong(m.group(5)), m.group(6)));
        }
        return out;
    }

    @Test
    void recursiveListingShowsEveryEntryExactlyOnce() {
        Tools.Result r = Tools.run("nfs-ls", "-R", url(""));
        assertEquals(0, r.exit(), r.stderr());
        List<Listed> listed = parse(r.lines());
        Map<String, Entry> expected = expected("");
        assertEquals(vfs.entryCount(), expected.size());
        assertEquals(expected.size(), listed.size());
        Set<String> paths = new HashSet<>();
        for (Listed l : listed) {
            assertTrue(paths.add(l.path()), "listed twice: " + l.path());
            Entry e = expected.get(l.path());
            assertTrue(e != null, "not in the tree: " + l.path());
            assertEquals(e.size(), l.size(), l.path());
            String type = switch (e.type()) {
                case DIRECTORY -> "dr-xr-xr-x";
                case FILE -> "-r--r--r--";
                case SYMLINK -> "lrwxrwxrwx";
            };
            assertEquals(type, l.mode(), l.path());
        }
        assertEquals(expected.keySet(), paths);
    }

    @Test
    void symlinksAreListedAsLinksSizedByTheirTargetText() {
        Tools.Result r = Tools.run("nfs-ls", url("classes/Foo/callers"));
        assertEquals(0, r.exit(), r.stderr());
        List<Listed> listed = parse(r.lines());
        assertEquals(List.of(new Listed("lrwxrwxrwx", "../../Bar/source".length(), "Bar")), listed);
    }

    @Test
    void deepDirectoriesAreMountedAndListed() {
        Tools.Result r = Tools.run("nfs-ls", "-R", url("a/b/c"));
        assertEquals(0, r.exit(), r.stderr());
        List<String> paths = parse(r.lines()).stream().map(Listed::path).toList();
        assertEquals(List.of("d", "d/e", "d/e/deep.txt"), paths);

        Tools.Result big = Tools.run("nfs-ls", url("big"));
        assertEquals(0, big.exit(), big.stderr());
        List<String> names = parse(big.lines()).stream().map(Listed::path).toList();
        assertEquals(Fixtures.BIG_DIR_ENTRIES, names.size());
        assertEquals(Fixtures.BIG_DIR_ENTRIES, new HashSet<>(names).size());
    }

    @Test
    void catIsByteEqualToTheTree() {
        for (String path : List.of("a/b/c/d/e/deep.txt", "classes/Bar/source", "src/main/App.java",
                "dir with space/file name.txt", "big/f4321")) {
            Tools.Result r = Tools.run("nfs-cat", url(path));
            assertEquals(0, r.exit(), path + ": " + r.stderr());
            assertArrayEquals(vfs.content(path), r.stdout(), path);
        }
        // a file directly below the root: libnfs needs the export spelled "/" (its EXPORT walk refuses ""), hence "//"
        Tools.Result blob = Tools.run("nfs-cat", url("/blob.bin"));
        assertEquals(0, blob.exit(), blob.stderr());
        assertArrayEquals(vfs.content("blob.bin"), blob.stdout(), "3 MB over several READs");
    }

    @Test
    void copyIsByteEqualToTheTree(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("deep.txt");
        Tools.Result r = Tools.run("nfs-cp", url("a/b/c/d/e/deep.txt"), copy.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertArrayEquals(vfs.content("a/b/c/d/e/deep.txt"), Files.readAllBytes(copy));

        Path blob = tmp.resolve("blob.bin");
        Tools.Result b = Tools.run("nfs-cp", url("/blob.bin"), blob.toString());
        assertEquals(0, b.exit(), b.stderr());
        assertArrayEquals(vfs.content("blob.bin"), Files.readAllBytes(blob));
    }

    @Test
    void missingPathsExitNonZero() {
        assertNotEquals(0, Tools.run("nfs-ls", url("no/such/dir")).exit());
        assertNotEquals(0, Tools.run("nfs-ls", url("README.md")).exit(), "a file is not a directory to mount");
        assertNotEquals(0, Tools.run("nfs-cat", url("classes/Foo/nosuch")).exit());
        assertNotEquals(0, Tools.run("nfs-cat", url("nosuch/dir/file")).exit());
        assertNotEquals(0, Tools.run("nfs-cp", url("classes/Foo/nosuch"), "/dev/null").exit());
    }

    @Test
    void concurrentClientsAllSeeTheWholeTree() {
        List<Future<Tools.Result>> runs;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            runs = IntStream.range(0, 4)
                    .mapToObj(i -> clients.submit(() -> Tools.run("nfs-ls", "-R", url(""))))
                    .toList();
        }
        for (Future<Tools.Result> run : runs) {
            Tools.Result r = run.resultNow();
            assertEquals(0, r.exit(), r.stderr());
            List<String> lines = r.lines();
            assertEquals(vfs.entryCount(), lines.size());
            assertEquals(lines.size(), new HashSet<>(lines).size());
        }
    }

    @Test
    void mountHelpNamesThePortTwice() {
        String help = NfsServer.mountHelp("127.0.0.1", 20490);
        assertTrue(help.contains("mount -t nfs -o vers=3,tcp,port=20490,mountport=20490,nolock,local_lock=all "
                + "127.0.0.1:/ /mnt/mache"), help);
        assertTrue(help.contains("-o vers=3,tcp,port=20490,mountport=20490,locallocks,noresvport"), help);
        assertTrue(help.contains("nfs://127.0.0.1/?version=3&nfsport=20490&mountport=20490"), help);
        assertEquals(EntryType.SYMLINK, expected("classes").get("classes/Foo/callers/Bar").type());
    }
}
