package dev.mache.vfs;

import dev.mache.graph.Names;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The root symbol indexes at scale, and symbols whose names need escaping or shortening. */
class SymbolIndexTest {

    @Test
    void aHugeIndexIsPagedThroughTheGraphAndListsEveryTokenOnce() {
        MemoryGraph.Builder b = new MemoryGraph.Builder().construct("go/p/functions/F", "func F() {}\n", 1);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String t = "sym" + i;
            tokens.add(t);
            b.def(t, "go/p/functions/F");
        }
        MemoryGraph graph = new MemoryGraph(b);
        MemoryGraph.MemorySnapshot snap = (MemoryGraph.MemorySnapshot) graph.open();
        try (VfsSnapshot vfs = new ProjectionFs(graph).open()) {
            Entry defs = vfs.lookup("defs").orElseThrow();
            List<String> seen = new ArrayList<>();
            String after = null;
            for (List<Entry> page; !(page = vfs.listAfter(defs, after, 7)).isEmpty(); ) {
                assertTrue(page.size() <= 7);
                page.forEach(e -> seen.add(e.name()));
                after = page.getLast().name();
            }
            assertEquals(5000, seen.size());
            assertEquals(5000, new HashSet<>(seen).size());
            assertEquals(new HashSet<>(tokens), new HashSet<>(seen));
            assertEquals(7, snap.largestTokenPage.get(), "the graph was asked for pages, never for everything");
            assertEquals(List.of("go/p/functions/F/source"),
                    vfs.list(vfs.lookup("defs/sym4999").orElseThrow()).stream()
                            .map(e -> e.target().orElseThrow()).toList());
        }
    }

    @Test
    void longAndOddSymbolsResolveFromTheirEscapedNames() {
        String longToken = "x".repeat(300);
        MemoryGraph graph = new MemoryGraph(new MemoryGraph.Builder()
                .construct("c/src.a.c/functions/f", "int f;\n", 1)
                .def(longToken, "c/src.a.c/functions/f")
                .def("operator/", "c/src.a.c/functions/f")
                .def("..", "c/src.a.c/functions/f")
                .def("50%", "c/src.a.c/functions/f")
                .ref(longToken, "c/src.a.c/functions/f"));
        try (VfsSnapshot vfs = new ProjectionFs(graph).open()) {
            String shortened = Names.escape(longToken);
            assertEquals(255, shortened.getBytes(StandardCharsets.UTF_8).length);
            List<String> names = vfs.list(vfs.lookup("defs").orElseThrow()).stream().map(Entry::name).toList();
            assertEquals(List.of("%2E%2E", "50%25", "operator%2F", shortened), names);
            for (String n : names) {
                Entry dir = vfs.lookup("defs/" + n).orElseThrow(() -> new AssertionError(n));
                assertEquals(List.of("src.a.c.f"), vfs.list(dir).stream().map(Entry::name).toList());
                Entry link = vfs.lookup(dir, "src.a.c.f").orElseThrow();
                assertEquals(Optional.of("../../c/src.a.c/functions/f/source"), link.linkText());
                assertEquals(new HandleLookup.Found(dir), vfs.resolve(vfs.handle(dir)));
                assertEquals(new HandleLookup.Found(link), vfs.resolve(vfs.handle(link)));
            }
            assertEquals(4, vfs.handle(vfs.lookup("callers/" + shortened).orElseThrow())[1]);
            assertEquals(Optional.empty(), vfs.lookup("defs/.."));
            assertEquals(Optional.empty(), vfs.lookup("defs/operator%2f"));
        }
    }
}
