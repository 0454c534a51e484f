package dev.mache.vfs.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/** Request paths, hrefs, ranges and PROPFIND bodies, without a server. */
class ParsingTest {

    @Test
    void pathsDecodeSegmentBySegment() {
        assertEquals(new DavPath.Ok("", true), DavPath.parse("/"));
        assertEquals(new DavPath.Ok("java", false), DavPath.parse("/java"));
        assertEquals(new DavPath.Ok("java", true), DavPath.parse("/java/"));
        assertEquals(new DavPath.Ok("files/a b/Ü", false), DavPath.parse("/files/a%20b/%C3%9C"));
        // a tree name containing an escaped slash (PROJECTION.md §4) arrives double-encoded
        assertEquals(new DavPath.Ok("defs/a%2Fb", false), DavPath.parse("/defs/a%252Fb"));
        assertEquals(new DavPath.Ok("m/add(int,E)", false), DavPath.parse("/m/add(int,E)"));
        for (String bad : List.of("", "java", "/a//b", "/..", "/a/../b", "/a/%2e%2e/b", "/a/%2E", "/a/.",
                "/a%2Fb", "/a%00", "/a%0a", "/%ff", "/%c0%ae", "/%", "/%4", "/%zz", "/a\u0001")) {
            assertInstanceOf(DavPath.Bad.class, DavPath.parse(bad), bad);
        }
    }

    @Test
    void plainAsciiPathsParseAsTheGeneralDecoderDoes() {
        for (String p : List.of("/", "//", "///", "/a", "/a/", "/a//", "/a//b", "//a", "/.", "/./", "/..", "/../",
                "/a/.", "/a/..", "/a/../b", "/a/./b", "/.a", "/..a", "/a.", "/...", "/a/.../b", "/a b", "/a\u007f",
                "/a\u0001/b", "/m/add(int,E)/source", "/java/pkg000/classes/C00/methods/m0(int)/source",
                "/a%20b", "/Ü", "/a/b/c/", "/a%2Fb", "/a%2fb/", "/%2e%2e/x", "/%2E", "/a/%2e", "/%2e%2e%2e",
                "/%2ea", "/a%252Fb", "/m0%28int%29/source", "/a%", "/a%4", "/a%zz", "/a%2", "/a%2/b", "/%7f", "/%7e",
                "/%1f", "/%00", "/%20", "/%c3%9c", "/%C3%9C/x", "/%ff", "/a%25", "/%%", "/a/%2F/", "/x%3", "/x%3/")) {
            assertEquals(DavPath.general(p), DavPath.parse(p), p);
        }
    }

    @Test
    void hrefsArePercentEncodedUtf8AndRoundTrip() {
        assertEquals("/", Hrefs.of("", true));
        assertEquals("/java/", Hrefs.of("java", true));
        assertEquals("/m/add(int,E)", Hrefs.of("m/add(int,E)", false));
        assertEquals("/f/%C3%9C%20%F0%9F%98%80%2B%3B%23%3F%25", Hrefs.of("f/Ü 😀+;#?%", false));
        for (String p : List.of("a/b c", "x/ü/😀", "q/a%2Fb", "w/&<>\"'")) {
            assertEquals(new DavPath.Ok(p, false), DavPath.parse(Hrefs.of(p, false)), p);
        }
        assertEquals("a&amp;b&lt;c&gt;&quot;&#39;", Hrefs.escape("a&b<c>\"'"));
    }

    @Test
    void singleByteRanges() {
        assertArrayEquals(new long[]{0, 9}, ByteRange.parse("bytes=0-9", 100));
        assertArrayEquals(new long[]{90, 99}, ByteRange.parse("bytes=90-", 100));
        assertArrayEquals(new long[]{90, 99}, ByteRange.parse("bytes=90-500", 100));
        assertArrayEquals(new long[]{95, 99}, ByteRange.parse("bytes=-5", 100));
        assertArrayEquals(new long[]{0, 99}, ByteRange.parse("bytes=-500", 100));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=100-", 100));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=-0", 100));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=0-", 0));
        assertNull(ByteRange.parse("bytes=5-1", 100));
        assertNull(ByteRange.parse("bytes=0-1,5-6", 100));
        assertNull(ByteRange.parse("items=0-1", 100));
        assertNull(ByteRange.parse("bytes=a-b", 100));
    }

    @Test
    void propfindBodies() throws Exception {
        assertInstanceOf(PropfindRequest.AllProp.class, PropfindRequest.parse(new byte[0]));
        assertInstanceOf(PropfindRequest.AllProp.class, parse("<propfind xmlns='DAV:'><allprop/></propfind>"));
        assertInstanceOf(PropfindRequest.PropName.class, parse("<D:propfind xmlns:D='DAV:'><D:propname/></D:propfind>"));
        PropfindRequest named = parse("<propfind xmlns='DAV:' xmlns:m='https://mache.dev/ns'><prop>"
                + "<getetag/><m:target/><foo xmlns=''/></prop></propfind>");
        assertEquals(new PropfindRequest.Props(List.of(new QName("DAV:", "getetag"),
                new QName("https://mache.dev/ns", "target"), new QName("", "foo"))), named);
        for (String bad : List.of("<propfind xmlns='DAV:'>", "<x/>", "not xml",
                "<propfind xmlns='DAV:'><allprop/><propname/></propfind>",
                "<!DOCTYPE p [<!ENTITY e 'x'>]><propfind xmlns='DAV:'><prop><e>&e;</e></prop></propfind>",
                "<!DOCTYPE p SYSTEM 'file:///etc/passwd'><propfind xmlns='DAV:'/>")) {
            assertThrows(PropfindRequest.MalformedException.class, () -> parse(bad), bad);
        }
    }

    private static PropfindRequest parse(String xml) throws PropfindRequest.MalformedException {
        return PropfindRequest.parse(xml.getBytes(StandardCharsets.UTF_8));
    }
}
