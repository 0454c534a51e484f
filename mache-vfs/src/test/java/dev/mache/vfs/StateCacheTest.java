package dev.mache.vfs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.mache.vfs.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** One ProjectionFs caches what it read per graph state: after a swap it must answer from the new state only. */
class StateCacheTest {
    private static final String LONG_NAME =
            "com.example.deeply.nested.pkg.AVeryLongClassNameIndeed.compute(java.util.Map<String,Integer>)";

    private static List<String> names(VfsSnapshot s, String path) {
        return s.list(s.lookup(path).orElseThrow()).stream().map(Entry::name).toList();
    }

    private static String readme(VfsSnapshot s) {
        Entry e = s.lookup("README.txt").orElseThrow();
        return new String(s.read(e, 0, 1 << 20), StandardCharsets.UTF_8);
    }

    @Test
    void aSwapIsSeenByTheNextSnapshotOfTheSameFs() {
        MemoryGraph graph = new MemoryGraph(Fixture.builder());
        ProjectionFs fs = new ProjectionFs(graph);
        String readmeBefore;
        for (int round = 0; round < 2; round++) { // the second round answers from the cache
            try (VfsSnapshot s = fs.open()) {
                assertTrue(s.lookup(LONG).isPresent());
                assertEquals(List.of("AVeryLongClassNameIndeed"), names(s, "java/com.example.deeply.nested.pkg/classes"));
                assertEquals(List.of("p.A.f()", "p.A.f()~2"), names(s, LONG + "/callees"));
                assertEquals(List.of(LONG_NAME), names(s, A_CLASS_F + "/callers"));
                assertTrue(names(s, "defs").contains("compute"));
                assertTrue(s.lookup("defs/compute").isPresent());
            }
        }
        try (VfsSnapshot s = fs.open()) {
            readmeBefore = readme(s);
            assertEquals(readmeBefore, readme(s));
        }

        graph.publish(Fixture.withoutLong());
        try (VfsSnapshot s = fs.open()) {
            assertTrue(s.lookup(LONG).isEmpty());
            assertTrue(s.lookup("java/com.example.deeply.nested.pkg").isEmpty());
            assertFalse(names(s, "java").contains("com.example.deeply.nested.pkg"));
            assertFalse(names(s, "defs").contains("compute"));
            assertTrue(s.lookup("defs/compute").isEmpty());
            assertEquals(List.of(), names(s, A_CLASS_F + "/callers"));
            assertNotEquals(readmeBefore, readme(s)); // counts and the snapshot line moved
        }
    }

    @Test
    void aSnapshotOpenedBeforeTheSwapKeepsItsOwnState() {
        MemoryGraph graph = new MemoryGraph(Fixture.builder());
        ProjectionFs fs = new ProjectionFs(graph);
        try (VfsSnapshot old = fs.open()) {
            assertTrue(old.lookup(LONG).isPresent());
            graph.publish(Fixture.withoutLong());
            try (VfsSnapshot now = fs.open()) {
                assertTrue(now.lookup(LONG).isEmpty());
                assertEquals(List.of(), names(now, A_CLASS_F + "/callers"));
            }
            assertTrue(old.lookup(LONG).isPresent());
            assertEquals(List.of(LONG_NAME), names(old, A_CLASS_F + "/callers"));
        }
    }

    private record PageKey(int n) { }

    @Test
    void rememberedBytesStayWithinTheBudgetAndNeverCrossAState() {
        MemoryGraph graph = new MemoryGraph(Fixture.builder());
        // a map entry (40), the key (a small record: 64) and a 1,000-byte array (16 + 1,000) weigh 1,120 bytes
        long weight = 40 + 64 + 16 + 1000;
        StateCache cache = new StateCache(10 * weight - 1); // nine fit, the tenth starts the state over
        StateCache.Cached s = (StateCache.Cached) cache.wrap(graph.open());
        for (int i = 0; i < 9; i++) {
            byte[] page = new byte[1000];
            page[0] = (byte) i;
            s.remember(new PageKey(i), page);
            assertEquals((i + 1) * weight, cache.usedBytes());
        }
        for (int i = 0; i < 9; i++) {
            assertEquals((byte) i, s.recall(new PageKey(i)).orElseThrow()[0]);
        }
        s.remember(new PageKey(9), new byte[1000]);
        assertEquals(weight, cache.usedBytes());
        assertTrue(s.recall(new PageKey(0)).isEmpty());
        assertTrue(s.recall(new PageKey(9)).isPresent());

        s.remember(new PageKey(10), new byte[(int) (10 * weight)]); // larger than the whole budget: never kept
        assertTrue(s.recall(new PageKey(10)).isEmpty());
        assertEquals(weight, cache.usedBytes());

        graph.publish(Fixture.withoutLong());
        StateCache.Cached next = (StateCache.Cached) cache.wrap(graph.open());
        assertTrue(next.recall(new PageKey(9)).isEmpty(), "a page of the previous state answered after a swap");
        assertEquals(0, cache.usedBytes());
        assertTrue(s.recall(new PageKey(9)).isPresent(), "a snapshot of the old state keeps its own pages");
    }

    @Test
    void aWalkOfTheWholeTreeStaysWithinASmallBudget() {
        MemoryGraph graph = new MemoryGraph(Fixture.builder());
        long budget = 4 * 1024;
        ProjectionFs small = new ProjectionFs(graph, budget);
        ProjectionFs large = new ProjectionFs(graph);
        for (int round = 0; round < 2; round++) {
            try (VfsSnapshot a = small.open(); VfsSnapshot b = large.open()) {
                assertEquals(walk(b, b.root()), walk(a, a.root()));
            }
            assertTrue(small.cacheBytes() <= budget, small.cacheBytes() + " bytes held, budget " + budget);
            assertTrue(large.cacheBytes() > budget, "the walk cached only " + large.cacheBytes() + " bytes");
        }
    }

    private static List<String> walk(VfsSnapshot s, Entry dir) {
        List<String> out = new java.util.ArrayList<>();
        for (Entry e : s.list(dir)) {
            out.add(e.path() + " " + e.type() + " " + e.size() + " " + e.fileId());
            if (e.isDirectory()) {
                out.addAll(walk(s, e));
            }
        }
        return out;
    }

    @Test
    void fileIdsStayWithinTheirBudget() {
        String pad = "x".repeat(100);
        long weight = FileIds.weigh("p/" + pad + "/000000");
        int paths = (int) (FileIds.BUDGET_BYTES / weight) * 2;
        for (int i = 0; i < paths; i++) {
            String path = "p/%s/%06d".formatted(pad, i);
            long id = FileIds.of(path);
            if (i % 10_000 == 0) {
                assertEquals(dev.mache.graph.Names.fileId(path), id);
                assertEquals(id, FileIds.of(path));
            }
            assertTrue(FileIds.usedBytes() <= FileIds.BUDGET_BYTES);
        }
    }
}
