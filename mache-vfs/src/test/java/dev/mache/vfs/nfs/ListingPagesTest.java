package dev.mache.vfs.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.vfs.MemoryGraph;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VfsSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Listing pages remembered as encoded bytes per graph state (NfsProgram.Page through VfsSnapshot.recall/remember),
 * over the real projection (ProjectionFs on an in-memory graph): a hot swap shows in the very next listing, through
 * libnfs's nfs-ls and through raw READDIR/READDIRPLUS; pages of different procedures, counts and cookies are never
 * answered with each other's bytes; a small cache budget still answers every page right.
 */
class ListingPagesTest {

    private static final long MTIME = 1_650_000_000_000_000_000L;
    private static final int FILES = 300;

    private MemoryGraph graph;
    private NfsServer server;

    @BeforeAll
    static void tools() {
        Tools.require("nfs-ls");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> initialNames() {
        return IntStream.range(0, FILES).mapToObj(i -> "f%03d".formatted(i)).toList();
    }

    /** A graph whose directory {@code big} holds exactly {@code names}, every file with the same time. */
    private static MemoryGraph.Builder tree(List<String> names) {
        MemoryGraph.Builder b = new MemoryGraph.Builder().dir("big");
        for (String name : names) {
            b.file("big/" + name, "content of " + name + "\n", MTIME);
        }
        return b;
    }

    private ProjectionFs serve(List<String> names, long cacheBytes) {
        graph = new MemoryGraph(tree(names));
        ProjectionFs fs = new ProjectionFs(graph, cacheBytes);
        server = NfsServer.start(fs, new InetSocketAddress("127.0.0.1", 0));
        return fs;
    }

    private String url(String path) {
        return "nfs://127.0.0.1/" + path + "?version=3&nfsport=" + server.port() + "&mountport=" + server.port();
    }

    /** The names nfs-ls prints for {@code big} (its lines end with the name). */
    private List<String> nfsLs() {
        Tools.Result r = Tools.run("nfs-ls", url("big"));
        assertEquals(0, r.exit(), r.stderr());
        return r.lines().stream().map(line -> line.substring(line.lastIndexOf(' ') + 1)).sorted().toList();
    }

    /** Every page of {@code big}, from the start, with {@code count} as READDIR's count or READDIRPLUS's maxcount. */
    private static List<NfsRpcClient.DirPage> pages(NfsRpcClient client, byte[] dir, boolean plus, int count)
            throws IOException {
        List<NfsRpcClient.DirPage> pages = new ArrayList<>();
        long cookie = 0;
        while (true) {
            NfsRpcClient.DirPage page = plus ? client.readdirplus(dir, cookie, count, count)
                    : client.readdir(dir, cookie, count);
            assertEquals(0, page.status());
            assertTrue(page.encodedSize() <= count, page.encodedSize() + " bytes in a page of " + count);
            pages.add(page);
            if (page.eof()) {
                return pages;
            }
            cookie = page.entries().getLast().cookie();
        }
    }

    private static List<String> names(List<NfsRpcClient.DirPage> pages) {
        return pages.stream().flatMap(p -> p.entries().stream()).map(NfsRpcClient.DirEntry::name).toList();
    }

    private static List<Integer> sizes(List<NfsRpcClient.DirPage> pages) {
        return pages.stream().map(p -> p.entries().size()).toList();
    }

    @Test
    void aChildAddedOrRemovedShowsInTheVeryNextListing() throws IOException {
        List<String> before = initialNames();
        ProjectionFs fs = serve(before, 64L << 20);
        List<String> after = new ArrayList<>(before);
        after.remove("f000");
        after.add("f150x");
        after.add("g-new");
        after.sort(null);

        try (NfsRpcClient client = new NfsRpcClient(server.port())) {
            byte[] big = client.walk("big");
            for (int round = 0; round < 2; round++) { // the second round is answered from remembered pages
                assertEquals(before, nfsLs());
                assertEquals(before, names(pages(client, big, true, 8192)));
                assertEquals(before, names(pages(client, big, false, 8192)));
            }
            byte[] firstPage;
            NfsProgram.Page first = new NfsProgram.Page(true, new String(big, StandardCharsets.ISO_8859_1), 0, 8192);
            try (VfsSnapshot s = fs.open()) {
                firstPage = s.recall(first).orElseThrow(() -> new AssertionError("the first page is not remembered"));
            }

            graph.publish(tree(after)); // same directory and file times: only the state's generation moves
            try (VfsSnapshot s = fs.open()) {
                assertTrue(s.recall(first).isEmpty(), "a page of the previous state is answered after a swap");
            }
            assertEquals(after, nfsLs());
            List<NfsRpcClient.DirPage> plus = pages(client, big, true, 8192);
            assertEquals(after, names(plus));
            assertEquals(after, names(pages(client, big, false, 8192)));
            try (VfsSnapshot s = fs.open()) {
                byte[] now = s.recall(first).orElseThrow();
                assertFalse(Arrays.equals(firstPage, now), "the first page did not change with f000 gone");
            }

            // and back: a third state, then a listing that goes on from a cookie issued in the second one
            graph.publish(tree(before));
            assertEquals(before, nfsLs());
            assertEquals(before, names(pages(client, big, true, 8192)));
        }
    }

    @Test
    void pagesOfDifferentProceduresCountsAndCookiesAreNotMixedUp() throws IOException {
        List<String> names = initialNames();
        serve(names, 64L << 20);
        try (NfsRpcClient client = new NfsRpcClient(server.port())) {
            byte[] big = client.walk("big");
            for (int count : new int[] {1024, 2048, 8192, 65536}) {
                for (boolean plus : new boolean[] {false, true}) {
                    List<NfsRpcClient.DirPage> fresh = pages(client, big, plus, count);
                    List<NfsRpcClient.DirPage> remembered = pages(client, big, plus, count);
                    assertEquals(names, names(fresh), "count " + count + (plus ? " plus" : ""));
                    assertEquals(sizes(fresh), sizes(remembered));
                    assertEquals(names, names(remembered));
                    for (int i = 0; i < fresh.size(); i++) {
                        List<NfsRpcClient.DirEntry> a = fresh.get(i).entries();
                        List<NfsRpcClient.DirEntry> b = remembered.get(i).entries();
                        for (int j = 0; j < a.size(); j++) {
                            assertEquals(a.get(j).cookie(), b.get(j).cookie());
                            assertEquals(a.get(j).attr(), b.get(j).attr());
                            if (plus) {
                                assertNotNull(b.get(j).attr());
                                assertArrayEquals(a.get(j).handle(), b.get(j).handle());
                            } else {
                                assertNull(b.get(j).attr());
                                assertNull(b.get(j).handle());
                            }
                        }
                    }
                }
            }
            // exact page sizes: READDIR entries of 4-character names take 4 + 8 + 8 + 8 = 28 bytes, READDIRPLUS ones
            // 28 + 4 + 84 + 4 + 4 + 12 (the inline handle "big/f000" is 10 bytes) = 136, after a 108-byte frame
            assertEquals((1024 - 108) / 28, pages(client, big, false, 1024).getFirst().entries().size());
            assertEquals((8192 - 108) / 28, pages(client, big, false, 8192).getFirst().entries().size());
            assertEquals((1024 - 108) / 136, pages(client, big, true, 1024).getFirst().entries().size());
            assertEquals((8192 - 108) / 136, pages(client, big, true, 8192).getFirst().entries().size());

            // a page that starts from a cookie in the middle: the same bytes whichever way it was reached
            NfsRpcClient.DirEntry mid = pages(client, big, true, 2048).get(2).entries().getFirst();
            NfsRpcClient.DirPage fromMid = client.readdirplus(big, mid.cookie(), 2048, 2048);
            int at = names.indexOf(mid.name());
            assertEquals(names.subList(at + 1, at + 1 + fromMid.entries().size()),
                    fromMid.entries().stream().map(NfsRpcClient.DirEntry::name).toList());
            assertEquals(fromMid.entries().stream().map(NfsRpcClient.DirEntry::name).toList(),
                    client.readdirplus(big, mid.cookie(), 2048, 2048).entries().stream()
                            .map(NfsRpcClient.DirEntry::name).toList());
        }
    }

    @Test
    void aCacheFarSmallerThanTheListingStillAnswersEveryPageRight() throws IOException {
        List<String> names = initialNames();
        serve(names, 16 * 1024); // a couple of 8 KB pages at most: the state keeps starting over
        try (NfsRpcClient client = new NfsRpcClient(server.port())) {
            byte[] big = client.walk("big");
            for (int round = 0; round < 3; round++) {
                for (int count : new int[] {1024, 8192, 65536}) {
                    assertEquals(names, names(pages(client, big, true, count)));
                    assertEquals(names, names(pages(client, big, false, count)));
                }
                assertEquals(names, nfsLs());
            }
        }
    }
}
