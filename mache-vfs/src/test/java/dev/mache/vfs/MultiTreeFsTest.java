package dev.mache.vfs;

import dev.mache.graph.Names;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Several trees in one: names, listings, reads and handles, against each tree served alone. */
class MultiTreeFsTest {

    private static MultiTreeFs.Member member(String name, MemoryGraph g) {
        return new MultiTreeFs.Member(name, "/src/" + name, new ProjectionFs(g));
    }

    private static List<Entry> walk(VfsSnapshot s, Entry from) {
        List<Entry> out = new ArrayList<>();
        List<Entry> stack = new ArrayList<>(List.of(from));
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
    void namesAreBaseNamesRankedByFullPathWhateverTheOrder() {
        List<Path> dirs = List.of(Path.of("/w/b/app"), Path.of("/w/a/app"), Path.of("/w/web"),
                Path.of("/w/odd%name"), Path.of("/x/README.txt"), Path.of("/"));
        assertEquals(List.of("app~2", "app", "web", "odd%25name", "README.txt~2", "root"), MultiTreeFs.names(dirs));
        assertEquals(List.of("web", "app", "app~2"),
                MultiTreeFs.names(List.of(Path.of("/w/web"), Path.of("/w/a/app"), Path.of("/w/b/app"))));
        // a directory literally named like a rank does not collide
        assertEquals(List.of("app", "app~2", "app~3"),
                MultiTreeFs.names(List.of(Path.of("/a/app"), Path.of("/c/app~2"), Path.of("/b/app"))));
        assertThrows(IllegalArgumentException.class, () -> member("README.txt", new MemoryGraph(Fixture.builder())));
        assertThrows(IllegalArgumentException.class, () -> member("a/b", new MemoryGraph(Fixture.builder())));
    }

    @Test
    void eachTreeIsServedUnderItsNameExactlyAsAlone() {
        MemoryGraph g1 = new MemoryGraph(Fixture.builder());
        MemoryGraph g2 = new MemoryGraph(Fixture.withoutLong());
        try (MultiTreeFs multi = new MultiTreeFs(List.of(member("web", g2), member("api", g1)));
             VfsSnapshot s = multi.open();
             VfsSnapshot alone = new ProjectionFs(g1).open()) {
            assertEquals(List.of("README.txt", "api", "web"), s.list(s.root()).stream().map(Entry::name).toList());
            String readme = new String(s.read(s.lookup("README.txt").orElseThrow(), 0, 1 << 16),
                    StandardCharsets.UTF_8);
            assertTrue(readme.contains("\n  api/   /src/api\n  web/   /src/web\n"), readme);
            assertEquals(readme.length(), s.lookup("README.txt").orElseThrow().size());

            List<Entry> inner = walk(alone, alone.root());
            List<Entry> outer = walk(s, s.lookup("api").orElseThrow());
            assertEquals(inner.size(), outer.size());
            for (int i = 0; i < inner.size(); i++) {
                Entry a = inner.get(i);
                Entry b = outer.get(i);
                String path = a.path().isEmpty() ? "api" : "api/" + a.path();
                assertEquals(path, b.path());
                assertEquals(a.path().isEmpty() ? "api" : a.name(), b.name());
                assertEquals(a.type(), b.type());
                assertEquals(a.size(), b.size(), path);
                assertEquals(a.mtimeNanos(), b.mtimeNanos(), path);
                assertEquals(Names.fileId(path), b.fileId());
                assertEquals(a.linkText(), b.linkText());
                assertEquals(a.target().map(t -> "api/" + t), b.target());
                assertArrayEquals(alone.read(a, 0, 1 << 16), s.read(b, 0, 1 << 16), path);
                assertEquals(b, s.lookup(path).orElseThrow(), path);
            }
            // paging over the composite's root
            assertEquals(List.of("api"), s.listAfter(s.root(), "README.txt", 1).stream().map(Entry::name).toList());
            assertEquals(List.of(), s.listAfter(s.root(), "web", 10));
            assertTrue(s.lookup("api/").isEmpty());
            assertTrue(s.lookup("nope").isEmpty());
            assertTrue(s.lookup("README.txt/x").isEmpty());
            assertTrue(s.lookup("api/../web").isEmpty());
        }
    }

    @Test
    void everyHandleRoundTripsFitsAndDoesNotMoveWhenTreesAreAddedOrReordered() {
        MemoryGraph g1 = new MemoryGraph(Fixture.builder());
        MemoryGraph g2 = new MemoryGraph(Fixture.withoutLong());
        MemoryGraph g3 = new MemoryGraph(Fixture.withoutLong());
        Map<String, String> first = new HashMap<>();
        Map<Integer, Integer> kinds = new HashMap<>();
        try (MultiTreeFs two = new MultiTreeFs(List.of(member("api", g1), member("web", g2)));
             VfsSnapshot s = two.open()) {
            Set<Long> ids = new HashSet<>();
            for (Entry e : walk(s, s.root())) {
                byte[] h = s.handle(e);
                assertTrue(h.length <= 64, e.path() + ": " + h.length);
                kinds.merge(h[1] == Handles.TREE ? 50 + h[10] : h[1], 1, Integer::sum);
                assertEquals(new HandleLookup.Found(e), s.resolve(h), e.path());
                assertTrue(ids.add(e.fileId()), e.path());
                first.put(e.path(), HexFormat.of().formatHex(h));
            }
        }
        // inner kinds 1-4, each behind kind 5; the root and README.txt inline
        assertEquals(Set.of(1, 51, 52, 53, 54), kinds.keySet(), kinds.toString());
        try (MultiTreeFs three = new MultiTreeFs(List.of(member("zzz", g3), member("web", g2), member("api", g1)));
             VfsSnapshot s = three.open()) {
            for (Map.Entry<String, String> e : first.entrySet()) {
                Entry entry = s.lookup(e.getKey()).orElseThrow();
                assertEquals(e.getValue(), HexFormat.of().formatHex(s.handle(entry)), e.getKey());
                assertEquals(new HandleLookup.Found(entry), s.resolve(HexFormat.of().parseHex(e.getValue())));
            }
        }
        // a server without the tree: stale, not bad
        try (MultiTreeFs other = new MultiTreeFs(List.of(member("x", g3), member("y", g2)));
             VfsSnapshot s = other.open()) {
            assertEquals(new HandleLookup.Stale(), s.resolve(HexFormat.of().parseHex(first.get("api/java"))));
            assertInstanceOf(HandleLookup.Found.class, s.resolve(HexFormat.of().parseHex(first.get("README.txt"))));
            assertInstanceOf(HandleLookup.Bad.class, s.resolve(new byte[] {1, 5, 1}));
            assertInstanceOf(HandleLookup.Bad.class, s.resolve(new byte[] {1}));
        }
        // a single-tree server refuses a composite's handle
        try (VfsSnapshot alone = new ProjectionFs(g1).open()) {
            assertInstanceOf(HandleLookup.Bad.class, alone.resolve(HexFormat.of().parseHex(first.get("api/java"))));
        }
    }

    @Test
    void aTreesHandlesWithoutInliningResolveAlike() {
        MemoryGraph g = new MemoryGraph(Fixture.builder());
        try (VfsSnapshot v = new ProjectionFs(g).open()) {
            ProjectionSnapshot s = (ProjectionSnapshot) v;
            for (Entry e : walk(s, s.root())) {
                if (!e.path().contains("/") && !e.isDirectory() || Axis.ofRoot(e.path()).isPresent()
                        || e.path().isEmpty()) {
                    continue; // README.txt, defs/, callers/, callees/: always inlined (at most 10 bytes)
                }
                byte[] h = s.handle(e, 0);
                assertNotEquals(Handles.INLINE, h[1], e.path());
                assertEquals(new HandleLookup.Found(e), s.resolve(h), e.path());
            }
        }
    }
}
