package dev.mache.vfs;

import dev.mache.graph.Names;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.mache.vfs.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

class ProjectionFsTest {
    private MemoryGraph graph;
    private VfsSnapshot vfs;

    @BeforeEach
    void open() {
        graph = new MemoryGraph(Fixture.builder());
        vfs = new ProjectionFs(graph).open();
    }

    @AfterEach
    void close() {
        vfs.close();
    }

    private Entry at(String path) {
        return vfs.lookup(path).orElseThrow(() -> new AssertionError("no entry at " + path));
    }

    private List<String> names(String path) {
        return vfs.list(at(path)).stream().map(Entry::name).toList();
    }

    private String text(Entry e) {
        return new String(vfs.read(e, 0, 1 << 20), StandardCharsets.UTF_8);
    }

    @Test
    void rootMergesVirtualAndStoredEntriesBytewise() {
        assertEquals(List.of("README.txt", "callees", "callers", "defs", "files", "go", "java"), names(""));
        Entry root = vfs.root();
        assertEquals("", root.path());
        assertEquals(EntryType.DIRECTORY, root.type());
        assertEquals(COMMIT, root.mtimeNanos());
        assertEquals(root, at(""));
    }

    @Test
    void readmeDescribesTheTreeWithCountsAndIsStableForASnapshot() {
        Entry readme = at("README.txt");
        assertEquals(EntryType.FILE, readme.type());
        String text = text(readme);
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, readme.size());
        assertTrue(text.contains("Source:    memory graph (test)\n"), text);
        assertTrue(text.contains("Counts:    2 files, 14 constructs, 6 references, 80 nodes\n"), text);
        assertTrue(text.contains("Languages: go/ java/\n"), text);
        assertTrue(text.contains("cat callers/<symbol>/*"), text);
        assertTrue(text.contains("2023-11-14T22:13:20Z"), text);
        assertEquals(COMMIT, readme.mtimeNanos());
        try (VfsSnapshot again = new ProjectionFs(graph).open()) {
            Entry other = again.lookup("README.txt").orElseThrow();
            assertEquals(readme, other);
            assertEquals(text, new String(again.read(other, 0, 1 << 20), StandardCharsets.UTF_8));
        }
        // a slice
        assertEquals(text.substring(5, 12), new String(vfs.read(readme, 5, 7), StandardCharsets.UTF_8));
        assertEquals(0, vfs.read(readme, readme.size(), 10).length);
    }

    @Test
    void everyConstructHasCallersAndCallees() {
        assertEquals(List.of("callees", "callers", "context", "location", "methods", "source"), names(AL));
        assertEquals(List.of("internal.graph.init"), names(OPEN + "/callers"));
        assertEquals(List.of(), names(OPEN + "/callees"));
        assertEquals(List.of(), names(AL + "/callees"));
        Entry callers = at(OPEN + "/callees");
        assertEquals(EntryType.DIRECTORY, callers.type());
        assertEquals(COMMIT, callers.mtimeNanos());
        // a kind group is not a construct
        assertEquals(Optional.empty(), vfs.lookup(AL + "/methods/callers"));
        assertEquals(Optional.empty(), vfs.lookup("java/callers"));
    }

    @Test
    void constructListsAreSymlinksNamedByQualifiedName() {
        assertEquals(List.of("java.util.ArrayList.add(E)", "java.util.ArrayList.add(int,E)",
                "java.util.ArrayList.size()"), names(MAIN + "/callees"));
        Entry link = at(MAIN + "/callees/java.util.ArrayList.add(int,E)");
        String expected = "../../../../../../java.util/classes/ArrayList/methods/add(int,E)/source";
        assertEquals(EntryType.SYMLINK, link.type());
        assertEquals(Optional.of(expected), link.linkText());
        assertEquals(expected.length(), link.size());
        assertEquals(Optional.of(ADD_INT_E + "/source"), link.target());
        assertEquals(T_AL, link.mtimeNanos());
        assertEquals(0777, link.mode());
        assertEquals(Names.fileId(MAIN + "/callees/java.util.ArrayList.add(int,E)"), link.fileId());
        // reading a symlink reads its target
        assertEquals("public void add(int index, E e) {}\n", text(link));
        assertEquals(List.of("com.example.Main.main(String[])"), names(ADD_E + "/callers"));
    }

    @Test
    void aConstructNeverListsItself() {
        assertEquals(List.of("java.util.ArrayList.add(int,E)", "java.util.ArrayList.size()"),
                names(ADD_E + "/callees"));
    }

    @Test
    void collidingNamesGetNumberedInTargetPathOrder() {
        assertEquals(List.of("p.A.f()", "p.A.f()~2"), names(LONG + "/callees"));
        assertEquals(Optional.of(A_IFACE_F + "/source"), at(LONG + "/callees/p.A.f()~2").target());
        assertEquals(List.of("internal.graph.init", "internal.graph.init~2"), names("defs/init"));
    }

    @Test
    void symbolIndexes() {
        assertEquals(List.of("ArrayList", "Open", "a%2Fb", "add", "compute", "f", "init", "main", "size"),
                names("defs"));
        assertEquals(List.of("Open", "add", "f", "size"), names("callers"));
        assertEquals(names("defs"), names("callees"));
        assertEquals(List.of("java.util.ArrayList.add(E)", "java.util.ArrayList.add(int,E)"), names("defs/add"));
        Entry def = at("defs/add/java.util.ArrayList.add(E)");
        assertEquals(Optional.of("../../java/java.util/classes/ArrayList/methods/add(E)/source"), def.linkText());
        assertEquals(List.of("com.example.Main.main(String[])", "java.util.ArrayList.add(E)"), names("callers/add"));
        assertEquals(List.of("java.util.ArrayList.add(E)", "java.util.ArrayList.add(int,E)",
                "java.util.ArrayList.size()"), names("callees/add"));
        assertEquals(List.of(), names("callees/Open"));
        assertEquals(Optional.empty(), vfs.lookup("defs/nothing"));
        assertEquals(Optional.empty(), vfs.lookup("callers/ArrayList"));
        assertEquals(Optional.empty(), vfs.lookup("defs/add/java.util.ArrayList.nothing()"));
        assertEquals(Optional.empty(), vfs.lookup("defs/add/java.util.ArrayList.add(E)/x"));
    }

    @Test
    void symbolSegmentsAreEscapedExactly() {
        assertEquals(List.of("internal.graph.Open"), names("defs/a%2Fb"));
        assertEquals(Optional.empty(), vfs.lookup("defs/a%2fb"));
        assertEquals(Optional.empty(), vfs.lookup("defs/a%41dd"));
    }

    @Test
    void pathsThatLeaveTheTreeNeverResolve() {
        for (String p : List.of("..", ".", "java/..", "java/../java", "java/./java.util", "/java", "java/",
                "java//java.util", "defs/..", "defs/add/..", AL + "/callers/..", "README.txt/x",
                AL + "/source/x")) {
            assertEquals(Optional.empty(), vfs.lookup(p), p);
        }
        Entry java = at("java");
        for (String n : List.of("..", ".", "", "java.util/classes")) {
            assertEquals(Optional.empty(), vfs.lookup(java, n), n);
        }
        assertEquals(Optional.empty(), vfs.lookup(at("README.txt"), "x"));
        assertEquals(at("java/java.util"), vfs.lookup(java, "java.util").orElseThrow());
    }

    @Test
    void storedAttributes() {
        Entry source = at(AL + "/source");
        assertEquals(EntryType.FILE, source.type());
        assertEquals("public class ArrayList<E> {}\n".length(), source.size());
        assertEquals(T_AL, source.mtimeNanos());
        assertEquals(0444, source.mode());
        assertEquals(1, source.nlink());
        Entry dir = at("files/src");
        assertEquals(0555, dir.mode());
        assertEquals(2, dir.nlink());
        assertEquals("class Main {}\n", text(at("files/src/Main.java")));
        assertEquals("Main {", new String(vfs.read(at("files/src/Main.java"), 6, 6), StandardCharsets.UTF_8));
    }

    /** Every entry of the tree, depth first. */
    private List<Entry> walk() {
        List<Entry> out = new ArrayList<>();
        List<Entry> stack = new ArrayList<>(List.of(vfs.root()));
        while (!stack.isEmpty()) {
            Entry e = stack.removeLast();
            out.add(e);
            if (e.isDirectory()) {
                stack.addAll(vfs.list(e));
            }
        }
        return out;
    }

    @Test
    void fileIdsAreStableUniqueAndDerivedFromPaths() {
        List<Entry> all = walk();
        assertEquals(178, all.size());
        Set<Long> ids = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (Entry e : all) {
            assertEquals(Names.fileId(e.path()), e.fileId(), e.path());
            assertTrue(e.fileId() != 0);
            assertTrue(ids.add(e.fileId()), e.path());
            assertTrue(paths.add(e.path()), e.path());
            // the entry a listing gives equals the one a lookup gives
            assertEquals(e, at(e.path()), e.path());
        }
    }

    @Test
    void handlesOfEveryKindRoundTrip() {
        Map<Integer, Integer> kinds = new HashMap<>();
        for (Entry e : walk()) {
            byte[] h = vfs.handle(e);
            assertTrue(h.length <= 64, e.path());
            assertEquals(1, h[0]);
            kinds.merge((int) h[1], 1, Integer::sum);
            assertEquals(new HandleLookup.Found(e), vfs.resolve(h), e.path());
            try (VfsSnapshot other = new ProjectionFs(graph).open()) {
                assertEquals(new HandleLookup.Found(e), other.resolve(h), e.path());
            }
        }
        assertEquals(Map.of(1, 154, 2, 3, 3, 19, 4, 2), kinds);
        assertArrayEquals(new byte[] {1, 1}, vfs.handle(vfs.root()));
        assertEquals(2, vfs.handle(at(LONG)).length - 16);
        assertEquals(3, vfs.handle(at(LONG + "/callers"))[1]);
        assertEquals(3, vfs.handle(at(LONG + "/callees/p.A.f()~2"))[1]);
        assertEquals(4, vfs.handle(at("callers/f/" + "com.example.deeply.nested.pkg.AVeryLongClassNameIndeed."
                + "compute(java.util.Map<String,Integer>)"))[1]);
    }

    @Test
    void handlesOfDeletedNodesAreStale() {
        String longLink = "callers/f/com.example.deeply.nested.pkg.AVeryLongClassNameIndeed."
                + "compute(java.util.Map<String,Integer>)";
        List<byte[]> handles = List.of(
                vfs.handle(at(LONG)),                        // kind 2
                vfs.handle(at(LONG + "/source")),            // kind 2
                vfs.handle(at(LONG + "/callees")),           // kind 3
                vfs.handle(at(LONG + "/callees/p.A.f()")),   // kind 3
                vfs.handle(at(longLink)),                    // kind 4
                vfs.handle(at("defs/compute")));             // kind 1 (short), gone with its only def
        byte[] kept = vfs.handle(at(ADD_INT_E + "/callers"));
        graph.publish(Fixture.withoutLong());
        try (VfsSnapshot after = new ProjectionFs(graph).open()) {
            for (byte[] h : handles) {
                assertEquals(new HandleLookup.Stale(), after.resolve(h));
            }
            assertInstanceOf(HandleLookup.Found.class, after.resolve(kept));
            // a well-formed hash nobody knows
            byte[] unknown = new byte[18];
            unknown[0] = 1;
            unknown[1] = 2;
            assertEquals(new HandleLookup.Stale(), after.resolve(unknown));
        }
    }

    @Test
    void garbageHandlesAreBad() {
        List<byte[]> garbage = List.of(new byte[0], new byte[] {1}, new byte[] {2, 1}, new byte[] {1, 9},
                new byte[] {1, 2, 5, 5, 5}, new byte[] {1, 3, 1}, new byte[] {1, 4, 0},
                Handles.inline("java/../java".getBytes(StandardCharsets.UTF_8)),
                Handles.inline(new byte[] {(byte) 0xC3, (byte) 0x28}),
                new byte[65]);
        for (byte[] h : garbage) {
            assertInstanceOf(HandleLookup.Bad.class, vfs.resolve(h), java.util.HexFormat.of().formatHex(h));
        }
    }

    @Test
    void listAfterPagesThroughEveryEntryExactlyOnce() {
        for (Entry dir : walk()) {
            if (!dir.isDirectory()) {
                continue;
            }
            List<Entry> all = vfs.list(dir);
            for (int size = 1; size <= 3; size++) {
                List<Entry> paged = new ArrayList<>();
                String after = null;
                while (true) {
                    List<Entry> page = vfs.listAfter(dir, after, size);
                    assertTrue(page.size() <= size);
                    paged.addAll(page);
                    if (page.size() < size) {
                        break;
                    }
                    after = page.getLast().name();
                }
                assertEquals(all, paged, dir.path() + " by " + size);
            }
            List<String> names = all.stream().map(Entry::name).toList();
            List<String> sorted = new ArrayList<>(names);
            sorted.sort(Bytewise.ORDER);
            assertEquals(sorted, names, dir.path());
            assertEquals(names.size(), new HashSet<>(names).size(), dir.path());
        }
    }

    @Test
    void displayNamesDropLanguageAndKindGroups() {
        assertEquals("java.util.ArrayList.add(int,E)", DisplayNames.qualified(ADD_INT_E));
        assertEquals("internal.graph.init~2", DisplayNames.qualified(INIT2));
        assertEquals("requests.adapters.HTTPAdapter.send",
                DisplayNames.qualified("python/requests.adapters/classes/HTTPAdapter/methods/send"));
        assertEquals("a%2Fb.c", DisplayNames.qualified("x/a%2Fb/functions/c"));
    }

    @Test
    void relativeLinkText() {
        assertEquals("../../a/b/source", TreePaths.relative("defs/x", "a/b/source"));
        assertEquals("../../B/source", TreePaths.relative("l/ns/A/callers", "l/ns/B/source"));
        assertEquals("../source", TreePaths.relative("l/ns/A/callers", "l/ns/A/source"));
    }

    @Test
    void bytewiseOrderIsUtf8Order() {
        // U+FF5E (3 bytes) sorts before U+1F600 (4 bytes) in UTF-8, unlike UTF-16
        assertTrue(Bytewise.compare("\uFF5E", "\uD83D\uDE00") < 0);
        assertTrue(Bytewise.compare("a", "ab") < 0);
        assertEquals(0, Bytewise.compare("x", "x"));
    }
}
