package dev.mache.vfs.webdav;

import static dev.mache.vfs.webdav.Clients.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.vfs.Entry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebDAV server driven by clients nobody here wrote: cadaver, rclone, litmus, GNOME gio and headless Chromium.
 * Each test fails (not skips) when its client is missing: CI installs them all.
 */
class RealClientsTest {

    static MemoryVfs vfs;
    static WebDavServer server;
    static String url;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        vfs = MemoryVfs.fixture();
        server = WebDavServer.start(vfs, new InetSocketAddress("127.0.0.1", 0));
        url = server.url();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void cadaverListsAndCats() {
        Clients.require("cadaver", "cadaver");
        String script = """
                ls
                cd java/java.util/classes/ArrayList
                ls
                cat location
                cat methods/size()/callees/java.util.ArrayList.add(E)
                propget methods/size()/callees/java.util.ArrayList.add(E) target
                quit
                """;
        Clients.Result r = Clients.run(List.of("cadaver", url), script.getBytes(StandardCharsets.UTF_8),
                Map.of("HOME", tmp.toString()), 60);
        assertEquals(0, r.exit(), r.err());
        String out = r.text();
        assertEquals(2, count(out, "Listing collection"), out);
        assertEquals(2, count(out, "succeeded."), out);
        for (String coll : List.of("callers", "defs", "files", "java", "callees", "methods")) {
            assertTrue(Pattern.compile("Coll:\\s+" + Pattern.quote(coll) + "\\s").matcher(out).find(), coll);
        }
        assertTrue(Pattern.compile("\\n\\s+README\\.txt\\s+16\\s").matcher(out).find(), out);
        assertTrue(Pattern.compile("\\n\\s+source\\s+41\\s").matcher(out).find(), out);
        assertTrue(out.contains("src/java/util/ArrayList.java:3:40\n"), out);
        assertTrue(out.contains(new String(vfs.bytes("java/java.util/classes/ArrayList/methods/add(E)/source"),
                StandardCharsets.UTF_8)), out);
    }

    @Test
    void rcloneListsEverythingAndChecksAgainstAMaterializedCopy() throws IOException {
        Clients.require("rclone", "rclone");
        Map<String, String> env = Map.of("RCLONE_CONFIG", tmp.resolve("rclone.conf").toString());
        String remote = ":webdav,url='" + url + "':";
        Clients.Result lsf = Clients.run(List.of("rclone", "lsf", "-R", remote), null, env, 180);
        assertEquals(0, lsf.exit(), lsf.err());
        List<String> lines = lsf.text().lines().toList();
        assertEquals(vfs.count() - 1, lines.size()); // every entry but the root
        assertEquals(lines.size(), lines.stream().distinct().count());
        assertTrue(lines.contains("java/java.util/classes/ArrayList/methods/size()/callees/java.util.ArrayList.add(E)"));
        assertTrue(lines.contains("files/docs/Ünïcødé ファイル.txt"));

        Path copy = tmp.resolve("materialized");
        for (Entry e : vfs.all()) {
            Path p = copy.resolve(e.path());
            if (e.isDirectory()) {
                Files.createDirectories(p);
            } else {
                Files.createDirectories(p.getParent());
                Files.write(p, vfs.bytes(e.path()));
            }
        }
        int files = (int) vfs.all().stream().filter(e -> !e.isDirectory()).count();
        // the whole tree: names and sizes (WebDAV offers rclone no common hash)
        Clients.Result check = Clients.run(List.of("rclone", "check", "--checkers", "8",
                copy.toString(), remote), null, env, 300);
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.err().contains("0 differences found"), check.err());
        assertTrue(check.err().contains(files + " matching files"), check.err());
        // and byte for byte, all but 4,900 of the 5,000 look-alike files of files/many (rclone opens a
        // connection per download, which takes a minute for all of them on a loaded CI machine)
        Clients.Result bytes = Clients.run(List.of("rclone", "check", "--download", "--checkers", "4",
                "--exclude", "files/many/f[1-4]*", "--exclude", "files/many/f0[1-9]*", copy.toString(), remote), null, env, 300);
        assertEquals(0, bytes.exit(), bytes.err());
        assertTrue(bytes.err().contains("0 differences found"), bytes.err());
        assertTrue(bytes.err().contains((files - 4900) + " matching files"), bytes.err());
    }

    /**
     * litmus creates {@code /litmus/} with MKCOL before every suite ("begin"), so against a read-only tree each
     * suite stops after "init" (its OPTIONS/DAV-class check): nothing else in litmus can apply without write
     * access. The read-only checks litmus would make (PROPFIND depth 0/1, allprop/propname/prop, GET/HEAD, 404s,
     * ETags, conditional requests) are in {@link CurlTest}. litmus exits 0 even when tests fail, so the summary
     * lines are parsed.
     */
    @Test
    void litmusInitPassesAndEverySuiteStopsAtMkcol() {
        Clients.require("litmus", "litmus");
        // the litmus wrapper stops at the first failing suite, so each suite runs on its own
        StringBuilder all = new StringBuilder();
        for (String suite : List.of("basic", "copymove", "props", "locks", "http")) {
            Clients.Result r = Clients.run(List.of("litmus", url), null,
                    Map.of("TESTS", suite, "HOME", tmp.toString()), 120);
            all.append(r.text());
        }
        String out = all.toString();
        Matcher m = Pattern.compile("<- summary for `(\\w+)': of (\\d+) tests run: (\\d+) passed, (\\d+) failed")
                .matcher(out);
        List<String> suites = new ArrayList<>();
        while (m.find()) {
            suites.add(m.group(1));
            assertEquals("2", m.group(2), out);
            assertEquals("1", m.group(3), m.group(1) + ": init must pass\n" + out);
            assertEquals("1", m.group(4), out);
        }
        assertEquals(List.of("basic", "copymove", "props", "locks", "http"), suites, out);
        assertEquals(5, count(out, "init.................. pass"), out);
        assertEquals(5, count(out, "Could not create new collection `/litmus/' for tests: 405 Method Not Allowed"),
                out);
    }

    @Test
    void gioListsAndCatsUnderDbus() {
        Clients.require("gio", "libglib2.0-bin gvfs-backends");
        Clients.require("dbus-run-session", "dbus");
        String dav = "dav://127.0.0.1:" + server.port();
        String script = "set -e\ngio mount " + dav + "/\n"
                + "echo '== root'; gio list " + dav + "/\n"
                + "echo '== construct'; gio list " + dav + "/java/java.util/classes/ArrayList\n"
                + "echo '== many'; gio list " + dav + "/files/many | wc -l\n"
                + "echo '== docs'; gio list " + dav + "/files/docs\n"
                + "echo '== cat'; gio cat '" + dav + "/java/java.util/classes/ArrayList/location'\n"
                + "echo '== link'; gio cat '" + dav
                + "/java/java.util/classes/ArrayList/methods/size()/callees/java.util.ArrayList.add(E)'\n"
                + "gio mount -u " + dav + "/\n";
        Clients.Result r = Clients.run(List.of("dbus-run-session", "--", "sh", "-c", script), null,
                Map.of("HOME", tmp.toString(), "GIO_USE_VOLUME_MONITOR", "unix"), 120);
        assertEquals(0, r.exit(), r.err());
        String out = r.text();
        assertEquals("README.txt\ncallers\ndefs\nfiles\njava\n", section(out, "root"));
        assertEquals("callees\ncallers\ncontext\nlocation\nmethods\nsource\n", section(out, "construct"));
        assertEquals("5000", section(out, "many").strip());
        assertEquals("a+b;c=d#e?f.txt\nweird name & <x> 100%25.txt\nÜnïcødé ファイル.txt\n", section(out, "docs"));
        assertEquals("src/java/util/ArrayList.java:3:40\n", section(out, "cat"));
        assertEquals(new String(vfs.bytes("java/java.util/classes/ArrayList/methods/add(E)/source"),
                StandardCharsets.UTF_8), section(out, "link"));
    }

    @Test
    void chromiumRendersTheListingWithLinksToTargets() throws IOException {
        Clients.require("chromium", "chromium");
        String dom = chromium("java/java.util/classes/ArrayList/methods/size()/callees/");
        assertTrue(dom.contains("<title>mache /java/java.util/classes/ArrayList/methods/size()/callees/</title>"));
        List<String> rows = all(dom, "<tr><td data-v=\"([^\"]*)\">");
        assertEquals(List.of("java.util.ArrayList.add(E)"), rows);
        assertEquals(List.of("/java/java.util/classes/ArrayList/methods/add(E)/"),
                all(dom, "<a class=\"follow\" href=\"([^\"]*)\">"));
        assertTrue(dom.contains("<a href=\"/java/java.util/classes/ArrayList/methods/size()/callees/"
                + "java.util.ArrayList.add(E)\">java.util.ArrayList.add(E)</a>"), dom);
        assertEquals(List.of("/", "/java/", "/java/java.util/", "/java/java.util/classes/",
                        "/java/java.util/classes/ArrayList/", "/java/java.util/classes/ArrayList/methods/",
                        "/java/java.util/classes/ArrayList/methods/size()/",
                        "/java/java.util/classes/ArrayList/methods/size()/callees/"),
                all(section(dom, "<nav", "</nav>"), "href=\"([^\"]*)\""));

        String construct = chromium("java/java.util/classes/ArrayList/methods/add(E)");
        assertTrue(construct.contains("<a class=\"location\" href=\"/files/src/java/util/ArrayList.java?view=html#L10\">"
                + "src/java/util/ArrayList.java:10:13</a>"), construct);
        assertEquals(List.of("10", "11", "12", "13"), all(construct, "<span class=\"l\" id=\"L(\\d+)\">"));
        assertTrue(construct.contains("public boolean add(E e) {"), construct);

    }

    private static String chromium(String path) throws IOException {
        Path profile = Files.createTempDirectory(tmp, "chromium");
        Clients.Result r = Clients.run(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--dump-dom", url + path), null,
                Map.of("HOME", tmp.toString()), 120);
        assertEquals(0, r.exit(), r.err());
        return r.text();
    }

    private static String section(String out, String name) {
        int start = out.indexOf("== " + name + "\n");
        assertTrue(start >= 0, () -> "no section " + name + " in\n" + out);
        start += name.length() + 4;
        int end = out.indexOf("\n== ", start - 1);
        return end < 0 ? out.substring(start) : out.substring(start, end + 1);
    }

    private static String section(String text, String from, String to) {
        int a = text.indexOf(from);
        return text.substring(a, text.indexOf(to, a));
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @SuppressWarnings("unused")
    private static String joined(String... s) {
        return Arrays.stream(s).collect(Collectors.joining("\n"));
    }
}
