package dev.mache.vfs.webdav;

import static dev.mache.vfs.webdav.Clients.count;
import static dev.mache.vfs.webdav.Clients.group;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebDAV server driven by curl: every method, header and status the issue lists, with exact values. */
class CurlTest {

    static MemoryVfs vfs;
    static WebDavServer server;
    static String base;
    @TempDir
    static Path tmp;

    static Curl curl;

    @BeforeAll
    static void start() {
        vfs = MemoryVfs.fixture();
        server = WebDavServer.start(vfs, new InetSocketAddress("127.0.0.1", 0));
        base = "http://127.0.0.1:" + server.port();
        curl = new Curl(base, tmp);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Curl.Response curl(String method, String path, String... extra) {
        return curl.request(method, path, extra);
    }

    static Curl.Response propfind(String path, String depth, String body) {
        return curl.propfind(path, depth, body);
    }

    static String sha128(byte[] b) throws Exception {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b), 0, 16) + "\"";
    }

    @Test
    void optionsOnEveryPath() {
        for (String p : List.of("/", "/java", "/java/java.util/classes/ArrayList/source", "/no/such/path")) {
            Curl.Response r = curl("OPTIONS", p);
            assertEquals(200, r.status(), p);
            assertEquals("1,2", r.header("DAV"), p);
            assertEquals(DavServlet.ALLOW, r.header("Allow"), p);
        }
    }

    @Test
    void propfindDepth0AllpropOfRoot() {
        Curl.Response r = propfind("/", "0", null);
        assertEquals(207, r.status());
        assertEquals("application/xml; charset=utf-8", r.header("Content-Type"));
        String x = r.text();
        assertEquals(1, count(x, "<D:response>"));
        assertEquals("/", group(x, "<D:href>([^<]*)</D:href>"));
        assertTrue(x.contains("<D:resourcetype><D:collection/></D:resourcetype>"));
        assertTrue(x.contains("<D:getlastmodified>Tue, 14 Nov 2023 22:13:20 GMT</D:getlastmodified>"));
        assertTrue(x.contains("<D:creationdate>2023-11-14T22:13:20Z</D:creationdate>"));
        assertFalse(x.contains("getcontentlength"), "collections have no getcontentlength");
    }

    @Test
    void propfindDepth1CountsChildrenExactly() {
        String x = propfind("/", "1", null).text();
        // root + README.txt callers defs files java
        assertEquals(6, count(x, "<D:response>"));
        List<String> hrefs = hrefs(x);
        assertEquals(List.of("/", "/README.txt", "/callers/", "/defs/", "/files/", "/java/"), hrefs);

        Curl.Response many = propfind("/files/many/", "1", null);
        assertEquals(207, many.status());
        assertEquals(5001, count(many.text(), "<D:response>"));
        List<String> h = hrefs(many.text());
        assertEquals(5001, h.stream().distinct().count());
        assertEquals("/files/many/f0000.txt", h.get(1));
        assertEquals("/files/many/f4999.txt", h.get(5000));
        assertEquals(5000, count(many.text(), "<D:getcontentlength>"));
    }

    @Test
    void propfindNamedPropsAndPropname() throws Exception {
        String body = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"urn:x\"><D:prop>"
                + "<D:getcontentlength/><D:getetag/><D:resourcetype/><Z:nothing/><D:quota-used-bytes/>"
                + "</D:prop></D:propfind>";
        String src = "java/java.util/classes/ArrayList/source";
        Curl.Response r = propfind("/" + src, "0", body);
        assertEquals(207, r.status());
        String x = r.text();
        byte[] bytes = vfs.bytes(src);
        assertEquals(String.valueOf(bytes.length), group(x, "<D:getcontentlength>(\\d+)</D:getcontentlength>"));
        assertEquals(sha128(bytes), group(x, "<D:getetag>([^<]+)</D:getetag>"));
        assertTrue(x.contains("<D:resourcetype/>"));
        assertTrue(x.contains("<D:prop><X:nothing xmlns:X=\"urn:x\"/><D:quota-used-bytes/></D:prop>"
                + "<D:status>HTTP/1.1 404 Not Found</D:status>"), x);
        assertFalse(x.contains("displayname"));
        // the ETag header of GET is the same value
        assertEquals(sha128(bytes), curl("GET", "/" + src).header("ETag"));

        String names = propfind("/" + src, "0",
                "<propfind xmlns=\"DAV:\"><propname/></propfind>").text();
        assertEquals(1, count(names, "<D:getetag/>"));
        assertEquals(1, count(names, "<D:displayname/>"));
        assertFalse(names.contains("<D:getetag>"));
    }

    @Test
    void symlinksAreFilesWithTheTargetsBytesAndAMacheTarget() throws Exception {
        String link = "java/java.util/classes/ArrayList/methods/size()/callees/java.util.ArrayList.add(E)";
        String target = "java/java.util/classes/ArrayList/methods/add(E)/source";
        String x = propfind("/" + link, "0", null).text();
        assertEquals(String.valueOf(vfs.bytes(target).length),
                group(x, "<D:getcontentlength>(\\d+)</D:getcontentlength>"));
        assertEquals("/" + target, group(x, "<M:target>([^<]+)</M:target>"));
        assertTrue(x.contains("xmlns:M=\"https://mache.dev/ns\""));
        assertTrue(x.contains("<D:resourcetype/>"));
        assertEquals("/java/java.util/classes/ArrayList/methods/size()/callees/java.util.ArrayList.add(E)",
                group(x, "<D:href>([^<]*)</D:href>"));
        Curl.Response g = curl("GET", "/" + link);
        assertEquals(200, g.status());
        assertArrayEquals(vfs.bytes(target), g.body());
        assertEquals(sha128(vfs.bytes(target)), g.header("ETag"));
    }

    @Test
    void depthInfinityAndMissingDepthAre403() {
        for (Curl.Response r : List.of(propfind("/", "infinity", null), curl("PROPFIND", "/java/"))) {
            assertEquals(403, r.status());
            assertTrue(r.text().contains("<D:propfind-finite-depth/>"), r.text());
        }
        assertEquals(400, propfind("/", "2", null).status());
    }

    @Test
    void slashlessCollectionsAreAnsweredDirectly() {
        Curl.Response p = propfind("/java/java.util", "1", null);
        assertEquals(207, p.status());
        assertEquals(List.of("/java/java.util/", "/java/java.util/classes/"), hrefs(p.text()));
        Curl.Response g = curl("GET", "/java/java.util");
        assertEquals(200, g.status());
        assertEquals("text/html;charset=utf-8", g.header("Content-Type"));
        assertNull(g.header("Location"));
    }

    @Test
    void getHeadRangeAndConditionals() throws Exception {
        String path = "files/src/java/util/ArrayList.java";
        byte[] bytes = vfs.bytes(path);
        Curl.Response g = curl("GET", "/" + path);
        assertEquals(200, g.status());
        assertArrayEquals(bytes, g.body());
        assertEquals(String.valueOf(bytes.length), g.header("Content-Length"));
        assertEquals("text/plain;charset=utf-8", g.header("Content-Type"));
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", g.header("Last-Modified"));
        String etag = sha128(bytes);
        assertEquals(etag, g.header("ETag"));

        Curl.Response h = curl("HEAD", "/" + path);
        assertEquals(200, h.status());
        assertEquals(String.valueOf(bytes.length), h.header("Content-Length"));
        assertEquals(etag, h.header("ETag"));


        Curl.Response range = curl("GET", "/" + path, "-H", "Range: bytes=3-12");
        assertEquals(206, range.status());
        assertEquals("bytes 3-12/" + bytes.length, range.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(bytes, 3, 13), range.body());
        Curl.Response suffix = curl("GET", "/" + path, "-H", "Range: bytes=-5");
        assertEquals(206, suffix.status());
        assertArrayEquals(Arrays.copyOfRange(bytes, bytes.length - 5, bytes.length), suffix.body());
        Curl.Response beyond = curl("GET", "/" + path, "-H", "Range: bytes=999999-");
        assertEquals(416, beyond.status());
        assertEquals("bytes */" + bytes.length, beyond.header("Content-Range"));
        Curl.Response staleIfRange = curl("GET", "/" + path, "-H", "Range: bytes=0-0", "-H", "If-Range: \"other\"");
        assertEquals(200, staleIfRange.status());
        assertEquals(bytes.length, staleIfRange.body().length);

        assertEquals(304, curl("GET", "/" + path, "-H", "If-None-Match: " + etag).status());
        assertEquals(304, curl("GET", "/" + path, "-H", "If-None-Match: \"x\", W/" + etag).status());
        assertEquals(200, curl("GET", "/" + path, "-H", "If-None-Match: \"x\"").status());
        assertEquals(304, curl("GET", "/" + path, "-H", "If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT").status());
        assertEquals(200, curl("GET", "/" + path, "-H", "If-Modified-Since: Tue, 14 Nov 2023 22:13:19 GMT").status());
        assertEquals(412, curl("GET", "/" + path, "-H", "If-Match: \"x\"").status());
        assertEquals(404, curl("GET", "/files/nope.txt").status());

        // a file larger than one read chunk streams in pieces and still hashes the whole
        byte[] big = vfs.bytes("files/big.txt");
        Curl.Response bg = curl("GET", "/files/big.txt");
        assertArrayEquals(big, bg.body());
        assertEquals(sha128(big), bg.header("ETag"));
        Curl.Response bigRange = curl("GET", "/files/big.txt", "-H", "Range: bytes=1048570-2097160");
        assertArrayEquals(Arrays.copyOfRange(big, 1048570, 2097161), bigRange.body());
    }

    @Test
    void unicodeAndPunctuationHrefsArePercentEncodedUtf8() {
        String x = propfind("/files/docs/", "1", null).text();
        List<String> hrefs = hrefs(x);
        // bytewise order: "Ü" (0xC3...) sorts after ASCII
        assertEquals(List.of("/files/docs/",
                "/files/docs/a%2Bb%3Bc%3Dd%23e%3Ff.txt",
                "/files/docs/weird%20name%20%26%20%3Cx%3E%20100%2525.txt",
                "/files/docs/%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB.txt"), hrefs);
        assertTrue(x.contains("<D:displayname>weird name &amp; &lt;x&gt; 100%25.txt</D:displayname>"));
        for (String h : hrefs.subList(1, 4)) {
            Curl.Response g = curl("GET", h);
            assertEquals(200, g.status(), h);
        }
        assertEquals("grüße\n", curl("GET", hrefs.get(3)).text());
        assertEquals("odd\n", curl("GET", hrefs.get(2)).text());
    }

    @Test
    void writesAreRefusedAndLocksLockNothing() {
        String p = "/files/src/java/util/ArrayList.java";
        assertEquals(403, curl("PUT", p, "--data-binary", "x").status());
        assertEquals(403, curl("PUT", "/files/new.txt", "--data-binary", "x").status());
        assertEquals(403, curl("DELETE", p).status());
        assertEquals(403, curl("PROPPATCH", p, "--data-binary", "<propertyupdate xmlns=\"DAV:\"/>").status());
        assertEquals(403, curl("COPY", p, "-H", "Destination: " + base + "/files/c.txt").status());
        assertEquals(403, curl("MOVE", p, "-H", "Destination: " + base + "/files/c.txt").status());
        assertEquals(403, curl("POST", p, "--data-binary", "x").status());
        Curl.Response mkcol = curl("MKCOL", "/files/newdir/");
        assertEquals(405, mkcol.status());
        assertEquals(DavServlet.ALLOW, mkcol.header("Allow"));

        Curl.Response lock = curl("LOCK", p, "-H", "Timeout: Second-60", "--data-binary",
                "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
                        + "<D:locktype><D:write/></D:locktype><D:owner>t</D:owner></D:lockinfo>");
        assertEquals(200, lock.status());
        String token = lock.header("Lock-Token");
        assertTrue(token.matches("<opaquelocktoken:[0-9a-f-]{36}>"), token);
        assertTrue(lock.text().contains("<D:locktoken><D:href>" + token.substring(1, token.length() - 1)));
        assertEquals(204, curl("UNLOCK", p, "-H", "Lock-Token: " + token).status());
        assertEquals(404, curl("LOCK", "/files/none.txt", "--data-binary", "<lockinfo xmlns=\"DAV:\"/>").status());
    }

    @Test
    void xxeAndBillionLaughsAreRefusedWithoutContent() throws IOException {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file://" + secret + "\">]>"
                + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname>&x;</D:displayname></D:prop></D:propfind>";
        Curl.Response r = propfind("/", "0", xxe);
        assertEquals(400, r.status());
        assertFalse(r.text().contains("TOP-SECRET"));
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
                + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:e>&e;&e;&e;&e;</D:e></D:prop></D:propfind>";
        assertEquals(400, propfind("/", "0", laughs).status());
        assertEquals(400, propfind("/", "0", "<D:propfind xmlns:D=\"DAV:\"><D:prop>").status());
        assertEquals(400, propfind("/", "0", "<notpropfind/>").status());
        assertEquals(400, curl("LOCK", "/README.txt", "--data-binary", xxe).status());
    }

    @Test
    void hugeBodiesAreRejected() throws IOException {
        Path tenMb = tmp.resolve("10mb.xml");
        byte[] b = new byte[10 * 1024 * 1024];
        Arrays.fill(b, (byte) ' ');
        byte[] head = "<D:propfind xmlns:D=\"DAV:\"><D:allprop/>".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, b, 0, head.length);
        Files.write(tmp.resolve("10mb.xml"), b);
        Curl.Response r = propfind("/", "0", "@" + tenMb);
        assertEquals(413, r.status());
        Curl.Response chunked = curl("PROPFIND", "/", "-H", "Depth: 0", "-H", "Transfer-Encoding: chunked",
                "--data-binary", "@" + tenMb);
        assertEquals(413, chunked.status());
        // the server still serves others
        assertEquals(207, propfind("/", "0", null).status());
    }

    @Test
    void pathsNeverLeaveTheTree() {
        for (String p : List.of("/files/../../../etc/passwd", "/../etc/passwd", "/files/%2e%2e/%2e%2e/etc/passwd",
                "/files/%2E%2E/README.txt", "/files/..%2f..%2fetc%2fpasswd", "/files/%2e%2e%2f%2e%2e%2fetc/passwd",
                "/files/./README.txt", "/README.txt%00", "/files/%00", "/files/%ff%fe", "/files/%c0%ae%c0%ae/x",
                "/files/%", "/files/%zz", "//etc/passwd", "/files//src")) {
            for (String m : List.of("GET", "PROPFIND")) {
                Curl.Response r = m.equals("GET") ? curl("GET", p) : propfind(p, "0", null);
                assertTrue(r.status() == 400 || r.status() == 404, m + " " + p + " -> " + r.status());
                assertFalse(r.text().contains("root:"), p);
            }
        }
    }

    @Test
    void htmlListingsStreamEveryEntry() {
        Curl.Response root = curl("GET", "/", "-H", "Accept: text/html");
        assertEquals(200, root.status());
        String html = root.text();
        assertEquals(5, count(html, "<tr><td data-v="));
        assertTrue(html.contains("<a href=\"/README.txt\">README.txt</a>"), html);
        assertTrue(html.contains("<td class=\"size\" data-v=\"16\">16 B</td>"), html);
        Curl.Response many = curl("GET", "/files/many");
        assertEquals(5000, count(many.text(), "<tr><td data-v=\"f"));
        assertTrue(many.text().contains("<a href=\"/files/many/f4999.txt\">f4999.txt</a>"));
        Curl.Response view = curl("GET", "/files/src/java/util/ArrayList.java?view=html");
        assertEquals(200, view.status());
        assertEquals(200, count(view.text(), "<span class=\"l\" id=\"L"));
        assertEquals(0, curl("HEAD", "/files/many/").status() == 200 ? 0 : 1);
    }

    static List<String> hrefs(String multistatus) {
        List<String> out = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("<D:href>([^<]*)</D:href>").matcher(multistatus);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
