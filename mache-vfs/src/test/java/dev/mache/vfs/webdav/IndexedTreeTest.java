package dev.mache.vfs.webdav;

import static dev.mache.vfs.webdav.Clients.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.graph.index.IndexOptions;
import dev.mache.graph.index.IndexProgress;
import dev.mache.graph.index.Indexer;
import dev.mache.graph.store.SqliteGraph;
import dev.mache.vfs.Entry;
import dev.mache.vfs.EntryType;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.VfsSnapshot;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebDAV over the real projection of a Java fixture indexed into the SQLite store. */
class IndexedTreeTest {

    @TempDir
    static Path tmp;
    static SqliteGraph graph;
    static ProjectionFs vfs;
    static WebDavServer server;
    static Curl curl;

    @BeforeAll
    static void start() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("app/src/shop"));
        Files.writeString(src.resolve("app/src/shop/Cart.java"), """
                package shop;

                import java.util.ArrayList;
                import java.util.List;

                /** A shopping cart. */
                public class Cart {
                    private final List<Item> items = new ArrayList<>();

                    public void add(Item item) {
                        items.add(item);
                    }

                    public long total() {
                        long sum = 0;
                        for (Item i : items) {
                            sum += i.price();
                        }
                        return sum;
                    }
                }
                """);
        Files.writeString(src.resolve("app/src/shop/Item.java"), """
                package shop;

                public record Item(String name, long price) {
                    public Item discounted(long off) {
                        return new Item(name, Math.max(0, price() - off));
                    }
                }
                """);
        Files.writeString(src.resolve("app/src/shop/Checkout.java"), """
                package shop;

                public final class Checkout {
                    public static long pay(Cart cart) {
                        cart.add(new Item("bag", 10).discounted(1));
                        return cart.total();
                    }
                }
                """);
        Files.writeString(src.resolve("app/NOTES.md"), "Ünïcødé notes\n");
        Path db = tmp.resolve("store.db");
        Indexer.index(IndexOptions.defaults(src, db), IndexProgress.NONE);
        graph = SqliteGraph.open(db);
        vfs = new ProjectionFs(graph);
        server = WebDavServer.start(vfs, new InetSocketAddress("127.0.0.1", 0));
        curl = new Curl("http://127.0.0.1:" + server.port(), tmp);
    }

    @AfterAll
    static void stop() {
        server.close();
        graph.close();
    }

    static List<Entry> walk(VfsSnapshot s) {
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
    void propfindCountsMatchTheTreeEverywhere() {
        try (VfsSnapshot s = vfs.open()) {
            for (Entry dir : walk(s).stream().filter(Entry::isDirectory).toList()) {
                Curl.Response r = curl.propfind(Hrefs.of(dir.path(), false), "1", null);
                assertEquals(207, r.status(), dir.path());
                assertEquals(1 + s.list(dir).size(), count(r.text(), "<D:response>"), dir.path());
            }
        }
    }

    @Test
    void callersAndCalleesAreFilesWithTheTargetsSource() {
        try (VfsSnapshot s = vfs.open()) {
            List<Entry> links = walk(s).stream().filter(e -> e.type() == EntryType.SYMLINK).toList();
            assertTrue(links.size() >= 3, "links: " + links);
            for (Entry link : links) {
                Entry target = s.lookup(link.target().orElseThrow()).orElseThrow();
                byte[] expected = s.read(target, 0, (int) target.size());
                Curl.Response g = curl.request("GET", Hrefs.of(link.path(), false));
                assertEquals(200, g.status(), link.path());
                assertArrayEquals(expected, g.body(), link.path());
                String x = curl.propfind(Hrefs.of(link.path(), false), "0", null).text();
                assertEquals("/" + target.path(), Clients.group(x, "<M:target>([^<]+)</M:target>"));
                assertEquals(String.valueOf(expected.length),
                        Clients.group(x, "<D:getcontentlength>(\\d+)</D:getcontentlength>"));
            }
        }
    }

    @Test
    void rcloneSeesTheWholeTreeByteForByte() throws Exception {
        Clients.require("rclone", "rclone");
        Path copy = tmp.resolve("materialized");
        int files = 0;
        int entries;
        try (VfsSnapshot s = vfs.open()) {
            List<Entry> all = walk(s);
            entries = all.size();
            for (Entry e : all) {
                Path p = copy.resolve(e.path());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else {
                    Entry content = e.type() == EntryType.SYMLINK ? s.lookup(e.target().orElseThrow()).orElseThrow() : e;
                    Files.createDirectories(p.getParent());
                    Files.write(p, s.read(content, 0, (int) content.size()));
                    files++;
                }
            }
        }
        Map<String, String> env = Map.of("RCLONE_CONFIG", tmp.resolve("rclone.conf").toString());
        String remote = ":webdav,url='" + server.url() + "':";
        Clients.Result lsf = Clients.run(List.of("rclone", "lsf", "-R", remote), null, env, 180);
        assertEquals(0, lsf.exit(), lsf.err());
        assertEquals(entries - 1, lsf.text().lines().count());
        Clients.Result check = Clients.run(List.of("rclone", "check", "--download", "--checkers", "4",
                copy.toString(), remote), null, env, 300);
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.err().contains("0 differences found"), check.err());
        assertTrue(check.err().contains(files + " matching files"), check.err());
    }
}
