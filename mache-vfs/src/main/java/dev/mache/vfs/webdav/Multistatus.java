package dev.mache.vfs.webdav;

import dev.mache.vfs.Entry;
import dev.mache.vfs.VfsSnapshot;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;

/**
 * Writes a PROPFIND multistatus body one response at a time into a buffer that is flushed to the wire every
 * {@link #FLUSH_AT} characters, so a directory of any size is answered in constant memory.
 */
final class Multistatus {

    static final String MACHE_NS = "https://mache.dev/ns";
    private static final int FLUSH_AT = 32 * 1024;

    /** The live properties mache serves (RFC 4918 §15, plus {@code mache:target}). */
    enum Prop {
        RESOURCETYPE("DAV:", "resourcetype"),
        DISPLAYNAME("DAV:", "displayname"),
        GETLASTMODIFIED("DAV:", "getlastmodified"),
        CREATIONDATE("DAV:", "creationdate"),
        GETCONTENTLENGTH("DAV:", "getcontentlength"),
        GETCONTENTTYPE("DAV:", "getcontenttype"),
        GETETAG("DAV:", "getetag"),
        SUPPORTEDLOCK("DAV:", "supportedlock"),
        LOCKDISCOVERY("DAV:", "lockdiscovery"),
        TARGET(MACHE_NS, "target");

        final String ns;
        final String local;
        final String tag;

        Prop(String ns, String local) {
            this.ns = ns;
            this.local = local;
            this.tag = (ns.equals("DAV:") ? "D:" : "M:") + local;
        }

        boolean appliesTo(Resource r) {
            return switch (this) {
                case GETCONTENTLENGTH, GETCONTENTTYPE, GETETAG -> !r.isCollection();
                case TARGET -> r.target().isPresent();
                default -> true;
            };
        }

        /** {@code values()} copies the array on every call; listings ask once per entry. */
        static final Prop[] ALL = values();

        static Prop of(QName q) {
            for (Prop p : ALL) {
                if (p.ns.equals(q.getNamespaceURI()) && p.local.equals(q.getLocalPart())) {
                    return p;
                }
            }
            return null;
        }
    }

    private final Writer out;
    private final VfsSnapshot snapshot;
    private final PropfindRequest request;
    private final StringBuilder sb = new StringBuilder(FLUSH_AT + 4096);
    private final HttpDates.Cache dates = new HttpDates.Cache();
    private final List<Prop> namedKnown = new ArrayList<>();
    private final List<QName> namedUnknown = new ArrayList<>();

    Multistatus(Writer out, VfsSnapshot snapshot, PropfindRequest request) {
        this.out = out;
        this.snapshot = snapshot;
        this.request = request;
    }

    void begin() {
        sb.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\" xmlns:M=\"")
                .append(MACHE_NS).append("\">\n");
    }

    /** One response element for {@code entry}, whose href is {@code href} (already encoded). */
    void response(Entry entry, CharSequence href) throws IOException {
        Resource r = Resource.of(snapshot, entry);
        sb.append("<D:response><D:href>").append(href).append("</D:href>");
        switch (request) {
            case PropfindRequest.AllProp a -> {
                sb.append("<D:propstat><D:prop>");
                for (Prop p : Prop.ALL) {
                    if (p.appliesTo(r)) {
                        value(p, r);
                    }
                }
                sb.append("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>");
            }
            case PropfindRequest.PropName n -> {
                sb.append("<D:propstat><D:prop>");
                for (Prop p : Prop.ALL) {
                    if (p.appliesTo(r)) {
                        sb.append('<').append(p.tag).append("/>");
                    }
                }
                sb.append("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>");
            }
            case PropfindRequest.Props named -> {
                namedKnown.clear();
                namedUnknown.clear();
                for (QName q : named.names()) {
                    Prop p = Prop.of(q);
                    if (p != null && p.appliesTo(r)) {
                        namedKnown.add(p);
                    } else {
                        namedUnknown.add(q);
                    }
                }
                if (!namedKnown.isEmpty()) {
                    sb.append("<D:propstat><D:prop>");
                    for (Prop p : namedKnown) {
                        value(p, r);
                    }
                    sb.append("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>");
                }
                if (!namedUnknown.isEmpty()) {
                    sb.append("<D:propstat><D:prop>");
                    for (QName q : namedUnknown) {
                        emptyForeign(q);
                    }
                    sb.append("</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>");
                }
            }
        }
        sb.append("</D:response>\n");
        if (sb.length() >= FLUSH_AT) {
            flush();
        }
    }

    void end() throws IOException {
        sb.append("</D:multistatus>\n");
        flush();
    }

    private void flush() throws IOException {
        out.append(sb);
        sb.setLength(0);
    }

    private void value(Prop p, Resource r) {
        long secs = HttpDates.seconds(r.mtimeNanos());
        switch (p) {
            case RESOURCETYPE -> sb.append(r.isCollection()
                    ? "<D:resourcetype><D:collection/></D:resourcetype>" : "<D:resourcetype/>");
            case DISPLAYNAME -> {
                sb.append("<D:displayname>");
                Hrefs.escape(sb, r.entry().name());
                sb.append("</D:displayname>");
            }
            case GETLASTMODIFIED -> sb.append("<D:getlastmodified>").append(dates.imf(secs))
                    .append("</D:getlastmodified>");
            case CREATIONDATE -> sb.append("<D:creationdate>").append(dates.iso(secs)).append("</D:creationdate>");
            case GETCONTENTLENGTH -> sb.append("<D:getcontentlength>").append(r.size())
                    .append("</D:getcontentlength>");
            case GETCONTENTTYPE -> sb.append("<D:getcontenttype>").append(DavServlet.TEXT_PLAIN)
                    .append("</D:getcontenttype>");
            case GETETAG -> sb.append("<D:getetag>").append(r.etag(snapshot)).append("</D:getetag>");
            case SUPPORTEDLOCK -> sb.append("<D:supportedlock><D:lockentry><D:lockscope><D:exclusive/></D:lockscope>"
                    + "<D:locktype><D:write/></D:locktype></D:lockentry></D:supportedlock>");
            case LOCKDISCOVERY -> sb.append("<D:lockdiscovery/>");
            case TARGET -> {
                sb.append("<M:target>");
                Hrefs.escape(sb, "/" + r.target().orElseThrow());
                sb.append("</M:target>");
            }
        }
    }

    private void emptyForeign(QName q) {
        String ns = q.getNamespaceURI();
        if ("DAV:".equals(ns)) {
            sb.append("<D:").append(q.getLocalPart()).append("/>");
        } else if (MACHE_NS.equals(ns)) {
            sb.append("<M:").append(q.getLocalPart()).append("/>");
        } else if (ns == null || ns.isEmpty()) {
            sb.append('<').append(q.getLocalPart()).append("/>");
        } else {
            sb.append("<X:").append(q.getLocalPart()).append(" xmlns:X=\"");
            Hrefs.escape(sb, ns);
            sb.append("\"/>");
        }
    }
}
