package dev.mache.vfs.webdav;

import dev.mache.vfs.Entry;
import dev.mache.vfs.VfsSnapshot;
import dev.mache.vfs.VirtualFileSystem;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole WebDAV class 1 (+ no-op class 2 locks) protocol over a read-only {@link VirtualFileSystem}: every
 * request opens one {@link VfsSnapshot}, answers from it, and closes it.
 */
final class DavServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(DavServlet.class);

    static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    static final String ALLOW = "OPTIONS, GET, HEAD, PROPFIND, LOCK, UNLOCK";
    /** Largest request body read (PROPFIND, LOCK): real ones are a few hundred bytes. */
    static final int MAX_BODY = 256 * 1024;
    /** How much of an oversized body is read and thrown away so the client sees the 413. */
    static final long DRAIN_LIMIT = 64L * 1024 * 1024;
    /** Children fetched per page while streaming a listing. */
    static final int PAGE = 1024;

    private final transient VirtualFileSystem vfs;

    DavServlet(VirtualFileSystem vfs) {
        this.vfs = vfs;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        DavPath parsed = DavPath.parse(req.getRequestURI());
        if (!(parsed instanceof DavPath.Ok path)) {
            plain(resp, 400, "Bad request path: " + ((DavPath.Bad) parsed).reason());
            return;
        }
        try {
            switch (method) {
                case "OPTIONS" -> options(resp);
                case "GET" -> get(req, resp, path, true);
                case "HEAD" -> get(req, resp, path, false);
                case "PROPFIND" -> propfind(req, resp, path);
                case "LOCK" -> lock(req, resp, path);
                case "UNLOCK" -> unlock(resp, path);
                case "MKCOL" -> {
                    resp.setHeader("Allow", ALLOW);
                    plain(resp, 405, "The tree is read-only: MKCOL is not allowed.");
                }
                case "PUT", "DELETE", "PROPPATCH", "COPY", "MOVE", "POST", "PATCH", "ACL", "BIND", "UNBIND",
                     "REBIND", "MKCALENDAR", "MKWORKSPACE", "CHECKIN", "CHECKOUT", "VERSION-CONTROL" ->
                        plain(resp, 403, "The tree is read-only.");
                default -> {
                    resp.setHeader("Allow", ALLOW);
                    plain(resp, 405, "Method not allowed: " + method);
                }
            }
        } catch (IOException e) {
            throw e; // the client went away mid-response: nothing to answer
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", method, req.getRequestURI(), e);
            if (!resp.isCommitted()) {
                resp.reset();
                plain(resp, 500, "Internal error.");
            }
        }
    }

    private static void options(HttpServletResponse resp) {
        resp.setStatus(200);
        resp.setHeader("DAV", "1,2");
        resp.setHeader("MS-Author-Via", "DAV");
        resp.setHeader("Allow", ALLOW);
        resp.setHeader("Accept-Ranges", "bytes");
        resp.setContentLength(0);
    }

    // ---------------------------------------------------------------- GET / HEAD

    private void get(HttpServletRequest req, HttpServletResponse resp, DavPath.Ok path, boolean body)
            throws IOException {
        try (VfsSnapshot snap = vfs.open()) {
            Optional<Entry> found = snap.lookup(path.path());
            if (found.isEmpty()) {
                plain(resp, 404, "Not found.");
                return;
            }
            Entry entry = found.get();
            if (entry.isDirectory()) {
                resp.setStatus(200);
                resp.setContentType("text/html; charset=utf-8");
                resp.setHeader("Last-Modified", HttpDates.imf(HttpDates.seconds(entry.mtimeNanos())));
                if (body) {
                    try (Writer w = writer(resp)) {
                        new HtmlView(snap, w).directory(entry);
                    }
                }
                return;
            }
            Resource r = Resource.of(snap, entry);
            if (body && "view=html".equals(req.getQueryString())) {
                resp.setStatus(200);
                resp.setContentType("text/html; charset=utf-8");
                try (Writer w = writer(resp)) {
                    new HtmlView(snap, w).file(r);
                }
                return;
            }
            serveFile(req, resp, snap, r, body);
        }
    }

    private static void serveFile(HttpServletRequest req, HttpServletResponse resp, VfsSnapshot snap, Resource r,
                                  boolean body) throws IOException {
        long size = r.size();
        byte[] small = size <= Resource.CHUNK ? r.readSmall(snap) : null;
        if (small != null) {
            size = small.length; // what is actually served, should the size have been off
        }
        String etag = r.etag(snap, small);
        long mtime = HttpDates.seconds(r.mtimeNanos());
        resp.setHeader("ETag", etag);
        resp.setHeader("Last-Modified", HttpDates.imf(mtime));
        resp.setHeader("Accept-Ranges", "bytes");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        switch (FileReply.decide(req::getHeader, etag, mtime, size)) {
            case FileReply.NotModified n -> resp.setStatus(304);
            case FileReply.Refused refused -> {
                if (refused.contentRange() != null) {
                    resp.setHeader("Content-Range", refused.contentRange());
                }
                plain(resp, refused.status(), refused.message());
            }
            case FileReply.Content c -> {
                resp.setStatus(c.status());
                if (c.contentRange() != null) {
                    resp.setHeader("Content-Range", c.contentRange());
                }
                resp.setContentType(TEXT_PLAIN);
                resp.setContentLengthLong(c.length());
                if (body && c.length() > 0) {
                    write(resp.getOutputStream(), snap, r, small, c.from(), c.length());
                }
            }
        }
    }

    private static void write(OutputStream out, VfsSnapshot snap, Resource r, byte[] small, long from, long length)
            throws IOException {
        if (small != null) {
            out.write(small, (int) from, (int) length);
            return;
        }
        long to = from + length - 1;
        for (long off = from; off <= to; ) {
            byte[] part = snap.read(r.content(), off, (int) Math.min(Resource.CHUNK, to - off + 1));
            if (part.length == 0) {
                break;
            }
            out.write(part);
            off += part.length;
        }
    }

    // ---------------------------------------------------------------- PROPFIND

    private void propfind(HttpServletRequest req, HttpServletResponse resp, DavPath.Ok path) throws IOException {
        String depthHeader = req.getHeader("Depth");
        int depth;
        if (depthHeader == null || depthHeader.trim().equalsIgnoreCase("infinity")) {
            // RFC 4918 §9.1: a missing Depth means infinity; a tree of 10^5 entries is not walked per request
            resp.setStatus(403);
            xmlBody(resp, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    + "<D:error xmlns:D=\"DAV:\"><D:propfind-finite-depth/></D:error>\n");
            return;
        } else if (depthHeader.trim().equals("0")) {
            depth = 0;
        } else if (depthHeader.trim().equals("1")) {
            depth = 1;
        } else {
            plain(resp, 400, "Depth must be 0, 1 or infinity.");
            return;
        }
        byte[] bodyBytes = readBody(req, resp);
        if (bodyBytes == null) {
            return;
        }
        PropfindRequest request;
        try {
            request = PropfindRequest.parse(bodyBytes);
        } catch (PropfindRequest.MalformedException e) {
            plain(resp, 400, "Bad PROPFIND body: " + e.getMessage());
            return;
        }
        try (VfsSnapshot snap = vfs.open()) {
            Optional<Entry> found = snap.lookup(path.path());
            if (found.isEmpty()) {
                plain(resp, 404, "Not found.");
                return;
            }
            Entry entry = found.get();
            resp.setStatus(207);
            resp.setContentType("application/xml; charset=utf-8");
            try (Writer w = writer(resp)) {
                Multistatus ms = new Multistatus(w, snap, request);
                ms.begin();
                String href = Hrefs.of(entry.path(), entry.isDirectory());
                ms.response(entry, href);
                if (depth == 1 && entry.isDirectory()) {
                    StringBuilder child = new StringBuilder(href.length() + 64).append(href);
                    if (!href.endsWith("/")) {
                        child.append('/');
                    }
                    int prefix = child.length();
                    String after = null;
                    while (true) {
                        var page = snap.listAfter(entry, after, PAGE);
                        for (Entry c : page) {
                            child.setLength(prefix);
                            Hrefs.appendSegment(child, c.name());
                            if (c.isDirectory()) {
                                child.append('/');
                            }
                            ms.response(c, child);
                        }
                        if (page.size() < PAGE) {
                            break;
                        }
                        after = page.getLast().name();
                    }
                }
                ms.end();
            }
        }
    }

    // ---------------------------------------------------------------- LOCK / UNLOCK

    /**
     * Locks that lock nothing: the tree is read-only, so no write can ever conflict, but macOS Finder, Windows and
     * Office ask for a lock before they open a file and show errors without one. The answer has the shape of a
     * real exclusive write lock with a fresh token; UNLOCK accepts any token.
     */
    private void lock(HttpServletRequest req, HttpServletResponse resp, DavPath.Ok path) throws IOException {
        byte[] body = readBody(req, resp);
        if (body == null) {
            return;
        }
        try {
            PropfindRequest.checkWellFormed(body);
        } catch (PropfindRequest.MalformedException e) {
            plain(resp, 400, "Bad LOCK body: " + e.getMessage());
            return;
        }
        try (VfsSnapshot snap = vfs.open()) {
            Optional<Entry> found = snap.lookup(path.path());
            if (found.isEmpty()) {
                plain(resp, 404, "Not found."); // a lock on an unmapped URL would create a resource
                return;
            }
            String token = "opaquelocktoken:" + UUID.randomUUID();
            String href = Hrefs.of(found.get().path(), found.get().isDirectory());
            resp.setStatus(200);
            resp.setHeader("Lock-Token", "<" + token + ">");
            xmlBody(resp, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:prop xmlns:D=\"DAV:\"><D:lockdiscovery>"
                    + "<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:exclusive/></D:lockscope>"
                    + "<D:depth>0</D:depth><D:timeout>Second-3600</D:timeout>"
                    + "<D:locktoken><D:href>" + token + "</D:href></D:locktoken>"
                    + "<D:lockroot><D:href>" + href + "</D:href></D:lockroot>"
                    + "</D:activelock></D:lockdiscovery></D:prop>\n");
        }
    }

    private void unlock(HttpServletResponse resp, DavPath.Ok path) throws IOException {
        try (VfsSnapshot snap = vfs.open()) {
            if (snap.lookup(path.path()).isEmpty()) {
                plain(resp, 404, "Not found.");
                return;
            }
        }
        resp.setStatus(204);
    }

    // ---------------------------------------------------------------- helpers

    /** Reads a request body of at most {@link #MAX_BODY} bytes; answers 413 and returns null for a bigger one. */
    private static byte[] readBody(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long declared = req.getContentLengthLong();
        if (declared > MAX_BODY) {
            resp.setHeader("Connection", "close");
            plain(resp, 413, "Request body too large (limit " + MAX_BODY + " bytes).");
            return null;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(declared > 0 ? (int) declared : 512);
        byte[] chunk = new byte[8192];
        try (InputStream in = req.getInputStream()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (buf.size() + n > MAX_BODY) {
                    // Discard (not keep) the rest, up to a bound, so that a client still sending a chunked body
                    // reads the 413 instead of a broken pipe; past the bound the connection is simply closed.
                    long skipped = 0;
                    while (skipped < DRAIN_LIMIT && (n = in.read(chunk)) > 0) {
                        skipped += n;
                    }
                    resp.setHeader("Connection", "close");
                    plain(resp, 413, "Request body too large (limit " + MAX_BODY + " bytes).");
                    return null;
                }
                buf.write(chunk, 0, n);
            }
        }
        return buf.toByteArray();
    }

    private static Writer writer(HttpServletResponse resp) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(resp.getOutputStream(), StandardCharsets.UTF_8), 16 * 1024);
    }

    private static void xmlBody(HttpServletResponse resp, String xml) throws IOException {
        byte[] b = xml.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/xml; charset=utf-8");
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }

    static void plain(HttpServletResponse resp, int status, String message) throws IOException {
        byte[] b = (message + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(TEXT_PLAIN);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }
}
