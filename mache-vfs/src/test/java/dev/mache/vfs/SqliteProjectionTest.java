package dev.mache.vfs;

import dev.mache.graph.StandardFixture;
import dev.mache.graph.ToyLanguage;
import dev.mache.graph.index.IndexOptions;
import dev.mache.graph.index.IndexProgress;
import dev.mache.graph.index.Indexer;
import dev.mache.graph.store.SqliteGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The projection over the real SQLite store, indexed from the store's toy-language fixture plus one long path. */
class SqliteProjectionTest {
    static final String LONG_NS = "demo.with.a.rather.long.package.name";
    static final String LONG = "toy/" + LONG_NS + "/classes/AnExtremelyLongClassNameForHandles/methods/"
            + "computeSomethingElaborate(int)";
    static final String LONG_CALLER = "callers/helper/" + LONG_NS
            + ".AnExtremelyLongClassNameForHandles.computeSomethingElaborate(int)";

    @TempDir
    Path tmp;
    Path src;
    Path db;

    @BeforeEach
    void index() throws Exception {
        src = tmp.resolve("src");
        db = tmp.resolve("store.db");
        StandardFixture.write(src);
        Files.createDirectories(src.resolve("long"));
        Files.writeString(src.resolve("long/long.toy"), """
                package %s
                import lib
                class AnExtremelyLongClassNameForHandles {
                  fn computeSomethingElaborate(int) {
                    call helper
                  }
                }
                """.formatted(LONG_NS));
        reindex();
    }

    private void reindex() throws Exception {
        Indexer.index(new IndexOptions(src, db, IndexOptions.DEFAULT_MAX_FILE_BYTES, 1), IndexProgress.NONE,
                ToyLanguage::forPath);
    }

    private static List<String> names(VfsSnapshot s, String path) {
        return s.list(s.lookup(path).orElseThrow()).stream().map(Entry::name).toList();
    }

    private static List<Entry> walk(VfsSnapshot s) {
        List<Entry> out = new ArrayList<>();
        List<Entry> stack = new ArrayList<>(List.of(s.root()));
        while (!stack.isEmpty()) {
            Entry e = stack.removeLast();
            out.add(e);
            if (e.isDirectory()) {
                stack.addAll(s.list(e));
            }
        }
        return out;
    }

    @Test
    void theTreeOverTheStore() {
        try (SqliteGraph g = SqliteGraph.open(db); VfsSnapshot s = new ProjectionFs(g).open()) {
            assertEquals(List.of("README.txt", "callees", "callers", "defs", "files", "toy"), names(s, ""));
            assertEquals(List.of("AnExtremelyLongClassNameForHandles", "Foo", "bar", "baz",
                    "computeSomethingElaborate", "helper"), names(s, "defs"));
            assertEquals(List.of("demo.Foo.bar()", "demo.Foo.bar(int)"), names(s, "defs/bar"));
            assertEquals(List.of("callees", "callers", "context", "location", "source"),
                    names(s, "toy/demo/functions/baz()"));
            assertEquals(List.of("demo.Foo.bar()", "demo.Foo.bar(int)"), names(s, "toy/demo/functions/baz()/callees"));
            Entry link = s.lookup("toy/demo/functions/baz()/callees/demo.Foo.bar(int)").orElseThrow();
            assertEquals(EntryType.SYMLINK, link.type());
            assertEquals(Optional.of("../../../classes/Foo/methods/bar(int)/source"), link.linkText());
            assertEquals(44, link.size());
            assertEquals(Optional.of("toy/demo/classes/Foo/methods/bar(int)/source"), link.target());
            Entry target = s.lookup(link.target().orElseThrow()).orElseThrow();
            assertArrayEquals(s.read(target, 0, 1000), s.read(link, 0, 1000));
            assertEquals("fn bar(int) {\n    call baz\n    call helper\n  }",
                    new String(s.read(link, 0, 1000), StandardCharsets.UTF_8));
            assertEquals(StandardFixture.MTIME_NANOS, link.mtimeNanos());
            assertEquals(List.of(), names(s, "toy/lib/functions/helper()/callees"));
            Entry readme = s.lookup("README.txt").orElseThrow();
            String text = new String(s.read(readme, 0, 1 << 20), StandardCharsets.UTF_8);
            assertEquals(readme.size(), text.getBytes(StandardCharsets.UTF_8).length);
            String howTo = text.substring(text.indexOf("How to read it"), text.indexOf("\nNames:"));
            assertEquals("  ls toy/                              namespaces of a language",
                    howTo.lines().skip(2).findFirst().orElseThrow());
            // every example's description starts in the same column, whatever the language's name
            assertEquals(Set.of(39), howTo.lines().skip(2).filter(l -> !l.isBlank())
                    .map(l -> l.indexOf(l.strip().split(" {2,}", 2)[1]))
                    .collect(java.util.stream.Collectors.toSet()));
            assertEquals("hello mache\n",
                    new String(s.read(s.lookup("files/README.md").orElseThrow(), 0, 100), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyEntryHasAStableHandleAndFileIdAndPagesExactlyOnce() {
        try (SqliteGraph g = SqliteGraph.open(db); ProjectionFs fs = new ProjectionFs(g)) {
            Map<Integer, Integer> kinds = new HashMap<>();
            Set<Long> ids = new HashSet<>();
            try (VfsSnapshot s = fs.open(); VfsSnapshot other = fs.open()) {
                List<Entry> all = walk(s);
                assertEquals(128, all.size());
                for (Entry e : all) {
                    assertTrue(ids.add(e.fileId()), e.path());
                    assertEquals(Optional.of(e), s.lookup(e.path()));
                    byte[] h = s.handle(e);
                    assertTrue(h.length <= 64);
                    kinds.merge((int) h[1], 1, Integer::sum);
                    assertEquals(new HandleLookup.Found(e), other.resolve(h), e.path());
                    if (e.isDirectory()) {
                        List<Entry> paged = new ArrayList<>();
                        String after = null;
                        for (List<Entry> page; !(page = s.listAfter(e, after, 2)).isEmpty(); ) {
                            paged.addAll(page);
                            after = page.getLast().name();
                        }
                        assertEquals(s.list(e), paged, e.path());
                    }
                }
            }
            assertEquals(Map.of(1, 110, 2, 3, 3, 12, 4, 3), kinds);
        }
    }

    @Test
    void handlesGoStaleWhenTheirNodeIsDeletedAndSurviveOtherwise() throws Exception {
        try (SqliteGraph g = SqliteGraph.open(db); ProjectionFs fs = new ProjectionFs(g)) {
            List<byte[]> gone = new ArrayList<>();
            List<Entry> kept = new ArrayList<>();
            List<byte[]> keptHandles = new ArrayList<>();
            try (VfsSnapshot s = fs.open()) {
                for (String p : List.of(LONG, LONG + "/source", LONG + "/callees", LONG_CALLER,
                        "defs/computeSomethingElaborate", "toy/" + LONG_NS)) {
                    gone.add(s.handle(s.lookup(p).orElseThrow(() -> new AssertionError(p))));
                }
                for (String p : List.of("", "toy/demo/functions/baz()/callees/demo.Foo.bar(int)",
                        "toy/demo/classes/Foo/methods/bar(int)/source")) {
                    Entry e = s.lookup(p).orElseThrow();
                    kept.add(e);
                    keptHandles.add(s.handle(e));
                }
            }
            Files.delete(src.resolve("long/long.toy"));
            reindex();
            try (VfsSnapshot s = fs.open()) {
                for (byte[] h : gone) {
                    assertEquals(new HandleLookup.Stale(), s.resolve(h));
                }
                for (int i = 0; i < kept.size(); i++) {
                    HandleLookup found = s.resolve(keptHandles.get(i));
                    assertInstanceOf(HandleLookup.Found.class, found);
                    assertEquals(kept.get(i).path(), ((HandleLookup.Found) found).entry().path());
                }
                assertEquals(Optional.empty(), s.lookup(LONG));
            }
        }
    }
}
