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
}
