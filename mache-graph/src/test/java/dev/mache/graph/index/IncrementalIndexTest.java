package dev.mache.graph.index;

import dev.mache.graph.Names;
import dev.mache.graph.Node;
import dev.mache.graph.NodeKind;
import dev.mache.graph.Ref;
import dev.mache.graph.Snapshot;
import dev.mache.graph.StandardFixture;
import dev.mache.graph.ToyLanguage;
import dev.mache.graph.store.SqliteGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-indexing a changed tree: exactly the changed files' constructs change, nothing phantom remains. */
class IncrementalIndexTest {
    @TempDir
    Path tmp;
    Path src;
    Path db;

    @BeforeEach
    void build() throws IOException {
        src = tmp.resolve("src");
        db = tmp.resolve("store.db");
        StandardFixture.build(src, db);
    }

    private IndexSummary reindex() throws IOException {
        return Indexer.index(new IndexOptions(src, db, IndexOptions.DEFAULT_MAX_FILE_BYTES, 2), IndexProgress.NONE,
                ToyLanguage::forPath);
    }

    private void write(String path, String content) throws IOException {
        Path p = src.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        // a different mtime, as an editor's save gives
        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
    }

    /** Every node row (id → name, kind, size, mtime, source file), straight from the table. */
    private Map<String, String> rows(String sourceFile) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var ps = c.prepareStatement("SELECT id, name, kind, size, mtime FROM nodes WHERE source_file = ?")) {
            ps.setString(1, sourceFile);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2) + "|" + rs.getInt(3) + "|" + rs.getLong(4) + "|"
                            + rs.getLong(5));
                }
            }
        }
        return out;
    }

    private List<String> allIds() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT id FROM nodes ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** No directory other than the root and files/ is empty. */
    private void assertNoPhantoms(Snapshot s) throws Exception {
        // the counts kept in _meta match the tables
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT (SELECT count(*) FROM _file_index),"
                     + " (SELECT count(*) FROM node_defs), (SELECT count(*) FROM node_refs),"
                     // a construct's three files are part of the tree but derived from its row
                     + " (SELECT count(*) FROM nodes) + 3 * (SELECT count(*) FROM nodes WHERE construct = 1)")) {
            rs.next();
            assertEquals(new dev.mache.graph.Stats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    "ready"), s.stats());
        }
        for (String id : allIds()) {
            Node n = s.node(id).orElseThrow();
            if (n.isDirectory() && !id.isEmpty() && !id.equals("files")) {
                assertTrue(!s.children(id).isEmpty(), "phantom directory " + id);
            }
            if (!id.isEmpty()) {
                assertTrue(s.node(n.parentId()).isPresent(), "orphan " + id);
            }
        }
    }

    private static List<String> ids(List<Ref> refs) {
        return refs.stream().map(Ref::nodeId).toList();
    }

    @Test
    void unchangedTreeParsesNothingAndCommitsNothing() throws Exception {
        String root;
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            root = s.root();
        }
        IndexSummary sum = reindex();
        assertEquals(new IndexSummary(4, 0, 4, 0, 0, 7, 5, sum.elapsed()), sum);
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            assertEquals(1, s.generation());
            assertEquals(root, s.root());
        }
    }

    @Test
    void editingOneFileChangesExactlyItsConstructs() throws Exception {
        Map<String, String> one = rows("a/one.toy");
        Map<String, String> three = rows("lib/three.toy");
        long before;
        String rootBefore;
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            before = s.committedAtNanos();
            rootBefore = s.root();
        }
        write("b/two.toy", StandardFixture.TWO + "fn extra() {\n  call Foo.bar\n}\n");
        IndexSummary sum = reindex();
        assertEquals(new IndexSummary(4, 1, 3, 0, 0, 8, 6, sum.elapsed()), sum);
        assertEquals(one, rows("a/one.toy"));
        assertEquals(three, rows("lib/three.toy"));
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            assertEquals(2, s.generation());
            assertNotEquals(rootBefore, s.root());
            assertEquals(List.of("baz()", "baz()~2", "extra()", "helper()"),
                    s.children("toy/demo/functions").stream().map(Node::name).toList());
            // the listing changed: the directory's mtime moved forward; an untouched one kept its time
            assertEquals(s.committedAtNanos(), s.node("toy/demo/functions").orElseThrow().mtimeNanos());
            assertTrue(s.committedAtNanos() > before);
            assertEquals(before, s.node("toy/lib/functions").orElseThrow().mtimeNanos());
            assertEquals(before, s.node("toy/demo").orElseThrow().mtimeNanos());
            assertEquals(List.of("toy/demo/classes/Foo/methods/bar()", "toy/demo/classes/Foo/methods/bar(int)"),
                    ids(s.callees("toy/demo/functions/extra()")));
            assertEquals(List.of("toy/demo/functions/baz()", "toy/demo/functions/extra()"),
                    ids(s.callers("toy/demo/classes/Foo/methods/bar()")));
            assertNoPhantoms(s);
        }
    }

    @Test
    void renamingAFunctionLeavesNoPhantomAndReResolvesOtherFiles() throws Exception {
        String bar = "toy/demo/classes/Foo/methods/bar(int)";
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            assertEquals(List.of("toy/demo/functions/baz()", "toy/demo/functions/helper()"), ids(s.callees(bar)));
        }
        long fooFileId = Names.fileId("toy/demo/classes/Foo");
        write("b/two.toy", StandardFixture.TWO.replace("helper", "assist"));
        reindex();
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            assertTrue(s.node("toy/demo/functions/helper()").isEmpty());
            assertTrue(s.node("toy/demo/functions/helper()/source").isEmpty());
            assertTrue(s.node("toy/demo/functions/assist()").isPresent());
            // a/one.toy was not re-read, but its call to helper now resolves through its import of lib
            assertEquals(List.of("toy/demo/functions/baz()", "toy/lib/functions/helper()"), ids(s.callees(bar)));
            assertEquals(List.of(bar), ids(s.callers("toy/lib/functions/helper()")));
            assertEquals(List.of("toy/demo/functions/baz()~2"), ids(s.callees("toy/demo/functions/assist()")));
            assertEquals(fooFileId, Names.fileId(s.node("toy/demo/classes/Foo").orElseThrow().id()));
            assertNoPhantoms(s);
        }
    }

    @Test
    void aFileWithoutConstructsMakesNoNamespaceDirectory() throws Exception {
        write("c/imports.toy", "package onlyimports\nimport lib\n");
        IndexSummary sum = reindex();
        assertEquals(1, sum.parsed());
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            assertTrue(s.node("toy/onlyimports").isEmpty());
            assertTrue(s.node("files/c/imports.toy").isPresent());
            assertNoPhantoms(s);
        }
    }

    @Test
    void removingAFileRenumbersDuplicatesAndPrunesDirectories() throws Exception {
        Files.delete(src.resolve("a/one.toy"));
        IndexSummary sum = reindex();
        assertEquals(new IndexSummary(3, 0, 3, 1, 0, 3, 1, sum.elapsed()), sum);
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            assertTrue(s.node("toy/demo/classes").isEmpty());
            assertTrue(s.node("files/a").isEmpty());
            assertEquals(List.of("README.md", "b", "lib"), s.children("files").stream().map(Node::name).toList());
            // b/two.toy's baz() was baz()~2; with the first claimant gone it takes the bare name
            assertEquals(List.of("baz()", "helper()"),
                    s.children("toy/demo/functions").stream().map(Node::name).toList());
            assertEquals("fn baz() {\n}", new String(s.read("toy/demo/functions/baz()/source", 0, 100),
                    StandardCharsets.UTF_8));
            assertEquals(List.of("toy/demo/functions/baz()"), ids(s.callees("toy/demo/functions/helper()")));
            assertEquals(List.of(new Ref("toy/demo/functions/baz()", "b/two.toy")), s.defs("baz"));
            assertEquals(List.of(), s.refs("external"));
            assertNoPhantoms(s);
        }
    }

    @Test
    void aNewEarlierClaimantRenamesAnotherFilesConstruct() throws Exception {
        write("0/zero.toy", "package demo\nfn baz() {\n}\n");
        IndexSummary sum = reindex();
        assertEquals(1, sum.parsed());
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            assertEquals(List.of("baz()", "baz()~2", "baz()~3", "helper()"),
                    s.children("toy/demo/functions").stream().map(Node::name).toList());
            assertEquals("0/zero.toy:2:3\n", new String(s.read("toy/demo/functions/baz()/location", 0, 100),
                    StandardCharsets.UTF_8));
            assertEquals("a/one.toy:11:14\n", new String(s.read("toy/demo/functions/baz()~2/location", 0, 100),
                    StandardCharsets.UTF_8));
            assertEquals("b/two.toy:2:3\n", new String(s.read("toy/demo/functions/baz()~3/location", 0, 100),
                    StandardCharsets.UTF_8));
            // references that pointed at the renamed constructs follow them
            assertEquals(List.of("toy/demo/functions/baz()~3"), ids(s.callees("toy/demo/functions/helper()")));
            assertEquals(List.of("toy/demo/functions/baz()~2"),
                    ids(s.callers("toy/demo/classes/Foo/methods/bar()")));
            assertNoPhantoms(s);
        }
        // and a rebuild from scratch gives the same tree
        Path db2 = tmp.resolve("fresh.db");
        Indexer.index(new IndexOptions(src, db2, IndexOptions.DEFAULT_MAX_FILE_BYTES, 2), IndexProgress.NONE,
                ToyLanguage::forPath);
        List<String> incremental = allIds();
        Path keep = db;
        db = db2;
        assertEquals(incremental, allIds());
        db = keep;
    }

    @Test
    void aSnapshotOpenedBeforeACommitKeepsSeeingTheOldTree() throws Exception {
        try (SqliteGraph g = SqliteGraph.open(db)) {
            Snapshot old = g.open();
            try {
                write("b/two.toy", "package demo\nfn other() {\n}\n");
                reindex();
                try (Snapshot now = g.open()) {
                    assertEquals(2, now.generation());
                    assertEquals(List.of("baz()", "other()"),
                            now.children("toy/demo/functions").stream().map(Node::name).toList());
                }
                assertEquals(1, old.generation());
                assertEquals(List.of("baz()", "baz()~2", "helper()"),
                        old.children("toy/demo/functions").stream().map(Node::name).toList());
                assertEquals(StandardFixture.TWO, new String(old.read("files/b/two.toy", 0, 1000),
                        StandardCharsets.UTF_8));
                assertEquals(List.of("toy/demo/functions/baz()~2"), ids(old.callees("toy/demo/functions/helper()")));
            } finally {
                old.close();
            }
        }
    }

    @Test
    void anUpdateOfMostOfTheTreeIsARebuildInOneTransaction() throws Exception {
        int saved = Indexer.REBUILD_MIN_FILES;
        Indexer.REBUILD_MIN_FILES = 1;
        try (SqliteGraph g = SqliteGraph.open(db)) {
            Snapshot old = g.open();
            try {
                write("b/two.toy", "package demo\nfn other() {\n}\n");
                write("lib/three.toy", StandardFixture.THREE.replace("helper", "aid"));
                Files.delete(src.resolve("README.md"));
                IndexSummary sum = reindex();
                assertEquals(new IndexSummary(3, 3, 0, 1, 0, 6, 4, sum.elapsed()), sum);
                try (Snapshot now = g.open()) {
                    assertEquals(2, now.generation());
                    assertTrue(now.committedAtNanos() > old.committedAtNanos());
                    assertEquals(List.of("baz()", "other()"),
                            now.children("toy/demo/functions").stream().map(Node::name).toList());
                    assertEquals(List.of("aid()"),
                            now.children("toy/lib/functions").stream().map(Node::name).toList());
                    assertTrue(now.node("files/README.md").isEmpty());
                    assertNoPhantoms(now);
                }
                // the snapshot opened before still sees the old tree
                assertEquals(1, old.generation());
                assertEquals(List.of("baz()", "baz()~2", "helper()"),
                        old.children("toy/demo/functions").stream().map(Node::name).toList());
                assertEquals(StandardFixture.README, new String(old.read("files/README.md", 0, 100),
                        StandardCharsets.UTF_8));
            } finally {
                old.close();
                Indexer.REBUILD_MIN_FILES = saved;
            }
        }
        // what references resolve to was replaced too: the same callers and callees as a fresh index
        Path fresh = tmp.resolve("fresh.db");
        Indexer.index(new IndexOptions(src, fresh, IndexOptions.DEFAULT_MAX_FILE_BYTES, 2), IndexProgress.NONE,
                ToyLanguage::forPath);
        Map<String, String> edges = edges(db);
        assertEquals(edges(fresh), edges);
        // bar(int) calls baz (b/two.toy's is gone, lib's helper is now aid); Foo.bar with no arity is either overload
        assertEquals("callees [toy/demo/functions/baz()] callers [toy/demo/functions/baz()]",
                edges.get("toy/demo/classes/Foo/methods/bar(int)"));
        assertEquals(0, reindex().parsed());
    }

    /** Every construct's callees and callers, read through a snapshot of {@code store}. */
    private static Map<String, String> edges(Path store) throws Exception {
        Map<String, String> out = new TreeMap<>();
        List<String> constructs = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
             var rs = c.createStatement().executeQuery("SELECT id FROM nodes WHERE construct = 1")) {
            while (rs.next()) {
                constructs.add(rs.getString(1));
            }
        }
        try (SqliteGraph g = SqliteGraph.open(store); Snapshot s = g.open()) {
            for (String id : constructs) {
                out.put(id, "callees " + ids(s.callees(id)) + " callers " + ids(s.callers(id)));
            }
        }
        return out;
    }

    /** A plain file named like a construct's derived files is an ordinary stored file: only constructs derive them. */
    @Test
    void plainFilesNamedSourceOrContextAreStoredFiles() throws Exception {
        write("notes/source", "plain text\n");
        write("notes/context", "ctx\n");
        reindex();
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot s = g.open()) {
            Node source = s.node("files/notes/source").orElseThrow();
            assertEquals(NodeKind.FILE, source.kind());
            assertEquals(11, source.size());
            assertFalse(source.construct());
            assertEquals("plain text\n", new String(s.read("files/notes/source", 0, 100), StandardCharsets.UTF_8));
            assertEquals("text\n", new String(s.read("files/notes/source", 6, 100), StandardCharsets.UTF_8));
            assertEquals(List.of("context", "source"), s.children("files/notes").stream().map(Node::name).toList());
            assertEquals(List.of("source"),
                    s.childrenAfter("files/notes", "context", 10).stream().map(Node::name).toList());
            assertEquals(Optional.empty(), s.node("files/notes/location"));
            assertEquals(0, s.read("files/notes/location", 0, 10).length);
        }
    }
}
