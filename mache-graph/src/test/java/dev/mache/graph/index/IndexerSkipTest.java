package dev.mache.graph.index;

import dev.mache.graph.Node;
import dev.mache.graph.Snapshot;
import dev.mache.graph.ToyLanguage;
import dev.mache.graph.store.SqliteGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the walk and the reader leave out, and that nothing of it stops the run. */
class IndexerSkipTest {

    @Test
    void skipsBinaryOversizedUnreadableLinksAndKeepsNonUtf8(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.toy"), "fn a() {\n}\n");
        byte[] binary = new byte[200];
        binary[150] = 0;
        binary[0] = 'x';
        Files.write(src.resolve("bin.dat"), binary);
        Files.writeString(src.resolve("big.txt"), "y".repeat(2000));
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9, '\n'};
        Files.write(src.resolve("latin1.txt"), latin1);
        Files.writeString(src.resolve("secret.txt"), "top secret\n");
        Files.createDirectories(src.resolve(".git"));
        Files.writeString(src.resolve(".git/config"), "[core]\n");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("sub/x.txt"), "x\n");
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "outside\n");
        Files.createSymbolicLink(src.resolve("link-in"), Path.of("a.toy"));
        Files.createSymbolicLink(src.resolve("link-out"), outside);
        Files.createSymbolicLink(src.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(src.resolve("loop2"), Path.of("loop1"));
        Files.createSymbolicLink(src.resolve("dirlink"), Path.of("sub"));
        Files.createSymbolicLink(src.resolve("sub/up"), Path.of(".."));
        Process mkfifo = new ProcessBuilder("mkfifo", src.resolve("fifo").toString()).start();
        assertEquals(0, mkfifo.waitFor());

        Path db = tmp.resolve("store.db");
        Indexer.ContentReader reader = p -> {
            if (p.getFileName().toString().equals("secret.txt")) {
                throw new AccessDeniedException(p.toString()); // root reads mode-000 files, so simulate it
            }
            return Files.readAllBytes(p);
        };
        IndexSummary s = Indexer.index(new IndexOptions(src, db, 1000, 2), IndexProgress.NONE,
                ToyLanguage::forPath, reader);
        // skipped: bin.dat, big.txt, secret.txt, link-out, loop1, loop2, dirlink, sub/up, fifo
        assertEquals(new IndexSummary(4, 4, 0, 0, 9, 1, 0, s.elapsed()), s);
        try (SqliteGraph g = SqliteGraph.open(db); Snapshot snap = g.open()) {
            assertEquals(List.of("a.toy", "latin1.txt", "link-in", "sub"),
                    snap.children("files").stream().map(Node::name).toList());
            assertArrayEquals(latin1, snap.read("files/latin1.txt", 0, 100));
            assertEquals("fn a() {\n}\n", new String(snap.read("files/link-in", 0, 100), StandardCharsets.UTF_8));
            assertEquals(List.of("files/sub/x.txt"), snap.children("files/sub").stream().map(Node::id).toList());
            assertTrue(snap.node("toy/(default)/functions/a()").isPresent());
        }
    }

    @Test
    void refusesToOverwriteAFileThatIsNotAStore(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path db = Files.writeString(tmp.resolve("precious.db"), "not sqlite at all, keep me\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Indexer.index(IndexOptions.defaults(src, db), IndexProgress.NONE, ToyLanguage::forPath));
        assertTrue(e.getMessage().contains("not a mache store"), e.getMessage());
        assertEquals("not sqlite at all, keep me\n", Files.readString(db));
    }
}
