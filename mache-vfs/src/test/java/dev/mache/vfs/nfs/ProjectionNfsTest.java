package dev.mache.vfs.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.graph.index.IndexOptions;
import dev.mache.graph.index.IndexProgress;
import dev.mache.graph.index.Indexer;
import dev.mache.graph.store.SqliteGraph;
import dev.mache.vfs.Entry;
import dev.mache.vfs.EntryType;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VfsSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real projection (SQLite store, Java parsed with tree-sitter) served over NFS: the JDK's own
 * java.util.concurrent.atomic sources, indexed, listed with nfs-ls and read with nfs-cat and the RPC client.
 */
class ProjectionNfsTest {

    private static final String PACKAGE = "java.base/java/util/concurrent/atomic/";

    @TempDir
    static Path tmp;
    private static Path src;
    private static Path db;
    private static SqliteGraph graph;
    private static ProjectionFs vfs;
    private static NfsServer server;
    /** Every entry below the root, as the VFS lists it. */
    private static Map<String, Entry> tree;

    @BeforeAll
    static void indexAndServe() throws IOException {
        Tools.require("nfs-ls");
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        assertTrue(Files.isRegularFile(zip), "the fixture is the JDK's own sources, expected at " + zip);
        src = tmp.resolve("src");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().filter(e -> e.getName().startsWith(PACKAGE) && !e.isDirectory()).toList()) {
                Path out = src.resolve(e.getName().substring("java.base/".length()));
                Files.createDirectories(out.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, out);
                }
            }
        }
        db = tmp.resolve("store.db");
        Indexer.index(IndexOptions.defaults(src, db), IndexProgress.NONE);
        graph = SqliteGraph.open(db);
        vfs = new ProjectionFs(graph);
        server = NfsServer.start(vfs, new InetSocketAddress("127.0.0.1", 0));
        tree = walk();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (graph != null) {
            graph.close();
        }
    }

    private static Map<String, Entry> walk() {
        Map<String, Entry> all = new LinkedHashMap<>();
        try (VfsSnapshot s = vfs.open()) {
            List<Entry> stack = new ArrayList<>(List.of(s.root()));
            while (!stack.isEmpty()) {
                Entry e = stack.removeLast();
                if (!e.path().isEmpty()) {
                    all.put(e.path(), e);
                }
                if (e.isDirectory()) {
                    stack.addAll(s.list(e));
                }
            }
        }
        return all;
    }

    private static String url(String path) {
        return "nfs://127.0.0.1/" + path + "?version=3&nfsport=" + server.port() + "&mountport=" + server.port();
    }

    private static String pathOf(String nfsLsLine) {
        // "mode nlink uid gid size path"
        String[] cols = nfsLsLine.trim().split("\\s+", 6);
        return cols[5];
    }

    @Test
    void nfsLsListsExactlyTheProjection() {
        assertTrue(tree.size() > 500, "a real tree: " + tree.size() + " entries");
        Tools.Result r = Tools.run("nfs-ls", "-R", url(""));
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = r.lines();
        assertEquals(tree.size(), lines.size());
        Set<String> paths = new HashSet<>();
        for (String line : lines) {
            String path = pathOf(line);
            assertTrue(paths.add(path), "repeated: " + line);
            Entry e = tree.get(path);
            assertTrue(e != null, "not in the projection: " + line);
            char type = switch (e.type()) {
                case DIRECTORY -> 'd';
                case FILE -> '-';
                case SYMLINK -> 'l';
            };
            assertEquals(type, line.charAt(0), line);
        }
        assertTrue(tree.values().stream().anyMatch(e -> e.type() == EntryType.SYMLINK), "callers/callees links");
    }

    @Test
    void deepSourcesAreByteEqualOverNfsCat() {
        List<Entry> deepest = tree.values().stream()
                .filter(e -> e.type() == EntryType.FILE && e.name().equals("source"))
                .sorted(Comparator.comparingInt((Entry e) -> e.path().split("/").length).reversed()
                        .thenComparing(Entry::path))
                .limit(8).toList();
        assertFalse(deepest.isEmpty());
        try (VfsSnapshot s = vfs.open()) {
            for (Entry e : deepest) {
                Tools.Result r = Tools.run("nfs-cat", url(e.path()));
                assertEquals(0, r.exit(), e.path() + ": " + r.stderr());
                assertArrayEquals(s.read(e, 0, (int) e.size()), r.stdout(), e.path());
                assertEquals(e.size(), r.stdout().length);
            }
        }
    }

    @Test
    void deepDirectoriesListAndLinksReadBack() throws IOException {
        Entry deepestDir = tree.values().stream().filter(Entry::isDirectory)
                .max(Comparator.comparingInt((Entry e) -> e.path().split("/").length)).orElseThrow();
        Tools.Result r = Tools.run("nfs-ls", url(deepestDir.path()));
        assertEquals(0, r.exit(), r.stderr());
        try (VfsSnapshot s = vfs.open()) {
            assertEquals(s.list(deepestDir).stream().map(Entry::name).sorted().toList(),
                    r.lines().stream().map(ProjectionNfsTest::pathOf).sorted().toList());
        }
        List<Entry> links = tree.values().stream().filter(e -> e.type() == EntryType.SYMLINK).limit(20).toList();
        try (NfsRpcClient c = new NfsRpcClient(server.port())) {
            for (Entry link : links) {
                byte[] fh = c.walk(link.path());
                assertTrue(fh.length <= 64);
                assertEquals(link.linkText().orElseThrow(), c.readlink(fh).value(), link.path());
                assertEquals(link.size(), c.getattr(fh).value().size());
            }
        }
        assertNotEqualsZero(Tools.run("nfs-cat", url("java/no.such.package/source")).exit());
    }

    private static void assertNotEqualsZero(int exit) {
        assertTrue(exit != 0, "a missing path exits non-zero");
    }
}
