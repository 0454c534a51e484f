package dev.mache.vfs.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.vfs.ClientNetworks;
import dev.mache.vfs.VfsSnapshot;
import dev.mache.vfs.VirtualFileSystem;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GETs and HEADs of small files answered on the selector thread ({@link PlainFileHandler}): curl gets the same
 * status, headers (but Date) and bytes as from the servlet alone, for every conditional and Range case; what the
 * handler does not answer still reaches the servlet; the access check, hot swap and failures behave as before.
 */
class PlainFileHandlerTest {

    static final String SOURCE = "/java/java.util/classes/ArrayList/methods/add(E)/source";
    static final String LINK = "/java/java.util/classes/ArrayList/methods/size()/callees/java.util.ArrayList.add(E)";
    static final String TEXT = "/files/src/java/util/ArrayList.java";
    static final String UNICODE = "/files/docs/%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB.txt";
    static final String WEIRD = "/files/docs/weird%20name%20%26%20%3Cx%3E%20100%2525.txt";

    static MemoryVfs vfs;
    static WebDavServer fast;
    static WebDavServer servletOnly;
    @TempDir
    static Path tmp;
    static Curl onFast;
    static Curl onServlet;

    @BeforeAll
    static void start() {
        vfs = MemoryVfs.fixture();
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        fast = WebDavServer.start(vfs, any, DavSecurity.OPEN, null, true);
        servletOnly = WebDavServer.start(vfs, any, DavSecurity.OPEN, null, false);
        onFast = new Curl("http://127.0.0.1:" + fast.port(), tmp);
        onServlet = new Curl("http://127.0.0.1:" + servletOnly.port(), tmp);
    }

    @AfterAll
    static void stop() {
        fast.close();
        servletOnly.close();
    }

    static String etag(byte[] b) throws Exception {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b), 0, 16) + "\"";
    }

    /** Status, headers without Date (names lower-cased, in order) and body, as one comparable value. */
    static Map<String, Object> seen(Curl.Response r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(":status", r.status());
        r.headers().forEach((k, v) -> {
            if (!k.equals("date")) {
                m.put(k, v);
            }
        });
        // (curl -I writes the head, Date included, where the body would go)
        m.put(":body", new String(r.body(), StandardCharsets.ISO_8859_1).replaceAll("(?m)^Date: .*$", "Date"));
        return m;
    }

    @Test
    void answersExactlyAsTheServletForEveryConditionalAndRange() throws Exception {
        String etag = etag(vfs.bytes(SOURCE.substring(1)));
        List<List<String>> variants = List.of(List.of(),
                List.of("-H", "Range: bytes=3-12"), List.of("-H", "Range: bytes=-5"),
                List.of("-H", "Range: bytes=5-"), List.of("-H", "Range: bytes=999999-"),
                List.of("-H", "Range: bytes=0-1,4-5"), List.of("-H", "Range: lines=1-2"),
                List.of("-H", "Range: bytes=0-0", "-H", "If-Range: \"other\""),
                List.of("-H", "Range: bytes=0-0", "-H", "If-Range: Tue, 14 Nov 2023 22:13:20 GMT"),
                List.of("-H", "If-None-Match: " + etag), List.of("-H", "If-None-Match: \"x\", W/" + etag),
                List.of("-H", "If-None-Match: *"), List.of("-H", "If-None-Match: \"x\""),
                List.of("-H", "If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT"),
                List.of("-H", "If-Modified-Since: Tue, 14 Nov 2023 22:13:19 GMT"),
                List.of("-H", "If-Match: \"x\""), List.of("-H", "If-Match: " + etag),
                List.of("-H", "If-Unmodified-Since: Mon, 13 Nov 2023 00:00:00 GMT"));
        long before = fast.plainFilesAnswered();
        int asked = 0;
        for (String path : List.of(SOURCE, LINK, TEXT, UNICODE, WEIRD, "/README.txt/")) {
            for (List<String> headers : variants) {
                for (String method : List.of("GET", "HEAD")) {
                    if (method.equals("HEAD") && headers.size() > 2) {
                        continue;
                    }
                    String[] extra = headers.toArray(String[]::new);
                    Map<String, Object> want = seen(onServlet.request(method, path, extra));
                    Map<String, Object> got = seen(onFast.request(method, path, extra));
                    assertEquals(want, got, method + " " + path + " " + headers);
                    asked++;
                }
            }
        }
        assertEquals(asked, fast.plainFilesAnswered() - before, "every one answered on the selector thread");
        assertEquals(0, servletOnly.plainFilesAnswered());
    }

    @Test
    void exactAnswersOfTheFastPath() throws Exception {
        byte[] bytes = vfs.bytes(TEXT.substring(1));
        Curl.Response g = onFast.request("GET", TEXT, "-H", "Range: bytes=3-12");
        assertEquals(206, g.status());
        assertEquals("bytes 3-12/2600", g.header("Content-Range"));
        assertEquals("10", g.header("Content-Length"));
        assertEquals("text/plain;charset=utf-8", g.header("Content-Type"));
        assertEquals(etag(bytes), g.header("ETag"));
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", g.header("Last-Modified"));
        assertEquals("bytes", g.header("Accept-Ranges"));
        assertEquals("nosniff", g.header("X-Content-Type-Options"));
        assertEquals("ArrayList\n", g.text());
        Curl.Response h = onFast.request("HEAD", TEXT);
        assertEquals(200, h.status());
        assertEquals("2600", h.header("Content-Length"));
        assertTrue(h.text().startsWith("HTTP/1.1 200 OK\r\n") && !h.text().contains("// ArrayList"), h.text());
        Curl.Response n = onFast.request("GET", TEXT, "-H", "If-None-Match: " + etag(bytes));
        assertEquals(304, n.status());
        assertEquals(0, n.body().length);
        Curl.Response u = onFast.request("GET", TEXT, "-H", "Range: bytes=2600-");
        assertEquals(416, u.status());
        assertEquals("bytes */2600", u.header("Content-Range"));
        assertEquals("Range not satisfiable.\n", u.text());
    }

    @Test
    void whatItDoesNotAnswerReachesTheServlet() {
        long before = fast.plainFilesAnswered();
        for (String[] request : List.of(
                new String[]{"GET", "/files/big.txt"},            // over 64 KiB: streamed by the servlet
                new String[]{"GET", "/java/java.util"},           // a collection: the HTML page
                new String[]{"GET", SOURCE + "?view=html"},      // the rendered source
                new String[]{"GET", "/files/nope.txt"},           // 404
                new String[]{"GET", "/files/%2e%2e/README.txt"},  // 400
                new String[]{"GET", "/README.txt%00"},
                new String[]{"OPTIONS", SOURCE},
                new String[]{"PUT", SOURCE})) {
            Map<String, Object> want = seen(onServlet.request(request[0], request[1]));
            Map<String, Object> got = seen(onFast.request(request[0], request[1]));
            assertEquals(want, got, String.join(" ", request));
        }
        assertEquals(0, fast.plainFilesAnswered() - before);
        assertEquals(3 * 1024 * 1024 + 17, onFast.request("GET", "/files/big.txt").body().length);
        assertEquals(404, onFast.request("GET", "/files/nope.txt").status());
        assertEquals(400, onFast.request("GET", "/files/%2e%2e/README.txt").status());
    }

    @Test
    void oneKeepAliveConnectionMixesBothPaths() throws Exception {
        List<String> paths = new ArrayList<>();
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        for (int i = 0; i < 40; i++) {
            String p = switch (i % 4) {
                case 0 -> SOURCE;
                case 1 -> "/files/big.txt";
                case 2 -> String.format("/files/many/f%04d.txt", i);
                default -> LINK;
            };
            paths.add("http://127.0.0.1:" + fast.port() + p);
            want.writeBytes(vfs.bytes(p.substring(1)));
        }
        // one curl, one connection: the bodies to stdout, in order
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--fail"));
        cmd.addAll(paths);
        Clients.Result r = Clients.run(cmd);
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(want.toByteArray(), r.out());
        List<String> counted = new ArrayList<>(List.of("curl", "-sS", "--fail", "-o", "/dev/null", "-o",
                "/dev/null", "-w", "%{num_connects}\\n", paths.get(0), paths.get(1)));
        Clients.Result c = Clients.run(counted);
        assertEquals("1\n0\n", c.text(), "the second request reused the connection");
    }

    @Test
    void eachRequestSeesTheNewestSnapshot() throws Exception {
        MemoryVfs before = new MemoryVfs(1_700_000_000_000_000_000L).file("a/source", "one\n");
        MemoryVfs after = new MemoryVfs(1_800_000_000_000_000_000L).file("a/source", "two, longer\n");
        AtomicReference<VirtualFileSystem> current = new AtomicReference<>(before);
        VirtualFileSystem swapping = new VirtualFileSystem() {
            @Override
            public VfsSnapshot open() {
                return current.get().open();
            }

            @Override
            public void close() {
            }
        };
        try (WebDavServer s = WebDavServer.start(swapping, new InetSocketAddress("127.0.0.1", 0))) {
            Curl c = new Curl("http://127.0.0.1:" + s.port(), tmp);
            Curl.Response one = c.request("GET", "/a/source");
            assertEquals("one\n", one.text());
            assertEquals(etag("one\n".getBytes(StandardCharsets.UTF_8)), one.header("ETag"));
            current.set(after);
            Curl.Response two = c.request("GET", "/a/source", "-H", "If-None-Match: " + one.header("ETag"));
            assertEquals(200, two.status());
            assertEquals("two, longer\n", two.text());
            assertEquals(etag("two, longer\n".getBytes(StandardCharsets.UTF_8)), two.header("ETag"));
            assertEquals("Fri, 15 Jan 2027 08:00:00 GMT", two.header("Last-Modified"));
            assertEquals(2, s.plainFilesAnswered());
        }
    }

    @Test
    void aTreeReadOverASocketIsNeverAnsweredOnTheSelectorThread() {
        // a daemon-backed tree (inProcess false): a stalled read must not hold up the selector's other connections
        VirtualFileSystem remote = new VirtualFileSystem() {
            @Override
            public VfsSnapshot open() {
                return vfs.open();
            }

            @Override
            public boolean inProcess() {
                return false;
            }

            @Override
            public void close() {
            }
        };
        try (WebDavServer s = WebDavServer.start(remote, new InetSocketAddress("127.0.0.1", 0))) {
            Curl c = new Curl("http://127.0.0.1:" + s.port(), tmp);
            Curl.Response viaServlet = c.request("GET", SOURCE);
            Curl.Response expected = onFast.request("GET", SOURCE);
            assertEquals(200, viaServlet.status());
            assertEquals(expected.text(), viaServlet.text());
            assertEquals(expected.header("ETag"), viaServlet.header("ETag"));
            assertEquals(0, s.plainFilesAnswered());
        }
    }

    @Test
    void tokenAndAllowListGateTheFastPathToo() {
        DavSecurity token = new DavSecurity(ClientNetworks.ANYONE, Optional.of("s3cret"), Optional.empty());
        try (WebDavServer s = WebDavServer.start(vfs, new InetSocketAddress("127.0.0.1", 0), token)) {
            Curl c = new Curl("http://127.0.0.1:" + s.port(), tmp);
            Curl.Response refused = c.request("GET", SOURCE);
            assertEquals(401, refused.status());
            assertTrue(refused.text().startsWith("a token is needed"), refused.text());
            assertEquals(401, c.request("HEAD", SOURCE, "-H", "Authorization: Bearer wrong").status());
            Curl.Response ok = c.request("GET", SOURCE, "-H", "Authorization: Bearer s3cret");
            assertEquals(200, ok.status());
            assertArrayEquals(vfs.bytes(SOURCE.substring(1)), ok.body());
            assertEquals(1, s.plainFilesAnswered());
        }
        DavSecurity elsewhere = new DavSecurity(ClientNetworks.parse("10.0.0.0/8"), Optional.empty(),
                Optional.empty());
        try (WebDavServer s = WebDavServer.start(vfs, new InetSocketAddress("127.0.0.1", 0), elsewhere)) {
            Curl c = new Curl("http://127.0.0.1:" + s.port(), tmp);
            assertEquals(403, c.request("GET", SOURCE).status());
            assertEquals(0, s.plainFilesAnswered());
        }
    }

    @Test
    void aFailingSnapshotIsTheServletsToReport() {
        VirtualFileSystem broken = new VirtualFileSystem() {
            @Override
            public VfsSnapshot open() {
                throw new IllegalStateException("store unavailable");
            }

            @Override
            public void close() {
            }
        };
        try (WebDavServer s = WebDavServer.start(broken, new InetSocketAddress("127.0.0.1", 0))) {
            Curl c = new Curl("http://127.0.0.1:" + s.port(), tmp);
            Curl.Response r = c.request("GET", "/README.txt");
            assertEquals(500, r.status());
            assertEquals("Internal error.\n", r.text());
            assertEquals(0, s.plainFilesAnswered());
        }
    }
}
