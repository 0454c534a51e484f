package dev.mache.vfs.webdav;

import dev.mache.vfs.Entry;
import dev.mache.vfs.EntryType;
import dev.mache.vfs.VfsSnapshot;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The browser view: a directory page (breadcrumbs, a sortable listing, and for a construct its source with line
 * numbers and a link to its {@code location}) and a rendered file page ({@code ?view=html}). Pages are streamed
 * like PROPFIND bodies. Every link is an absolute, percent-encoded href, so a collection URL without its trailing
 * slash renders the same page with working links.
 */
final class HtmlView {

    private static final int FLUSH_AT = 32 * 1024;
    /** Files longer than this are not rendered inline (the raw link still serves them). */
    private static final int MAX_RENDERED = 2 * 1024 * 1024;

    private static final String STYLE = """
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em 2em;color:#1b1f23}
            a{color:#0550ae;text-decoration:none}a:hover{text-decoration:underline}
            nav.crumbs{font-size:16px;margin-bottom:1em}nav.crumbs a{font-weight:600}
            table.listing{border-collapse:collapse;min-width:50em}
            table.listing th{text-align:left;border-bottom:2px solid #d0d7de;padding:4px 12px;cursor:pointer;
              user-select:none}
            table.listing td{padding:3px 12px;border-bottom:1px solid #eaeef2;white-space:nowrap}
            td.size,th.size{text-align:right;font-variant-numeric:tabular-nums}
            td.target{color:#57606a;font-size:12px}
            pre.readme{margin-top:1.5em;padding:12px;background:#f6f8fa;border:1px solid #d0d7de;
              font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}
            .loc{margin:1em 0;font-family:ui-monospace,monospace}
            pre.src{background:#f6f8fa;border:1px solid #d0d7de;padding:8px 0;overflow:auto;
              font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}
            pre.src span.l{display:block;padding-right:12px}
            pre.src span.l:target{background:#fff8c5}
            pre.src a.n{display:inline-block;width:5em;text-align:right;padding-right:1em;margin-right:1em;
              color:#8c959f;border-right:1px solid #d0d7de}
            </style>
            """;

    private static final String SORT_SCRIPT = """
            <script>
            document.querySelectorAll('table.listing th').forEach(function (th, col) {
              th.addEventListener('click', function () {
                var body = th.closest('table').tBodies[0];
                var rows = Array.from(body.rows).filter(function (r) { return !r.classList.contains('up'); });
                var asc = th.dataset.dir !== 'asc';
                th.dataset.dir = asc ? 'asc' : 'desc';
                rows.sort(function (a, b) {
                  var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
                  var nx = Number(x), ny = Number(y);
                  var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : (x < y ? -1 : x > y ? 1 : 0);
                  return asc ? c : -c;
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
            </script>
            """;

    private final VfsSnapshot snapshot;
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(FLUSH_AT + 4096);
    private final HttpDates.Cache dates = new HttpDates.Cache();

    HtmlView(VfsSnapshot snapshot, Writer out) {
        this.snapshot = snapshot;
        this.out = out;
    }

    void directory(Entry dir) throws IOException {
        head(dir.path().isEmpty() ? "mache /" : "mache /" + dir.path() + "/");
        crumbs(dir.path(), true);

        sb.append("<table class=\"listing\"><thead><tr><th>Name</th><th class=\"size\">Size</th>")
                .append("<th>Modified</th><th>Points to</th></tr></thead><tbody>\n");
        if (!dir.path().isEmpty()) {
            String parent = parentOf(dir.path());
            sb.append("<tr class=\"up\"><td><a href=\"").append(Hrefs.of(parent, true))
                    .append("\">../</a></td><td></td><td></td><td></td></tr>\n");
        }
        String base = Hrefs.of(dir.path(), true);
        StringBuilder href = new StringBuilder(base.length() + 64).append(base);
        int prefix = href.length();
        String after = null;
        while (true) {
            List<Entry> page = snapshot.listAfter(dir, after, DavServlet.PAGE);
            for (Entry c : page) {
                href.setLength(prefix);
                Hrefs.appendSegment(href, c.name());
                row(c, href);
            }
            if (page.size() < DavServlet.PAGE) {
                break;
            }
            after = page.getLast().name();
        }
        sb.append("</tbody></table>\n");

        // a construct directory also shows its code, numbered as in its file
        Optional<Entry> source = snapshot.lookup(dir, "source").filter(e -> e.type() == EntryType.FILE);
        Optional<Entry> location = snapshot.lookup(dir, "location").filter(e -> e.type() == EntryType.FILE);
        if (source.isPresent() && location.isPresent()) {
            Optional<Location> loc = Location.parse(text(location.get(), 4096));
            locationLine(loc);
            source(Resource.of(snapshot, source.get()), loc.map(Location::first).orElse(1));
        }
        if (dir.path().isEmpty()) {
            // the root shows its README.txt, the tree's own guide
            Optional<Entry> readme = snapshot.lookup(dir, "README.txt").filter(e -> e.type() == EntryType.FILE);
            if (readme.isPresent()) {
                sb.append("<pre class=\"readme\">");
                Hrefs.escape(sb, text(readme.get(), 64 * 1024));
                sb.append("</pre>\n");
            }
        }
        sb.append(SORT_SCRIPT).append("</body></html>\n");
        flush();
    }

    void file(Resource r) throws IOException {
        Entry e = r.entry();
        head("mache /" + e.path());
        crumbs(e.path(), false);
        sb.append("<p><a href=\"").append(Hrefs.of(e.path(), false)).append("\">raw</a>");
        r.target().ifPresent(t -> {
            sb.append(" · target: <a href=\"").append(Hrefs.of(parentOf(t), true)).append("\">");
            Hrefs.escape(sb, "/" + t);
            sb.append("</a>");
        });
        sb.append("</p>\n");
        int first = 1;
        if (e.name().equals("source")) {
            Optional<Entry> loc = snapshot.lookup(parentOf(e.path()).isEmpty() ? "location"
                    : parentOf(e.path()) + "/location");
            Optional<Location> parsed = loc.filter(l -> l.type() == EntryType.FILE)
                    .flatMap(l -> Location.parse(text(l, 4096)));
            locationLine(parsed);
            first = parsed.map(Location::first).orElse(1);
        }
        source(r, first);
        sb.append("</body></html>\n");
        flush();
    }

    private void row(Entry c, CharSequence href) throws IOException {
        boolean dir = c.isDirectory();
        Resource r = c.type() == EntryType.SYMLINK ? Resource.of(snapshot, c) : null;
        long size = r != null ? r.size() : c.size();
        long secs = HttpDates.seconds(r != null ? r.mtimeNanos() : c.mtimeNanos());
        sb.append("<tr><td data-v=\"");
        Hrefs.escape(sb, c.name());
        sb.append("\"><a href=\"").append(href).append(dir ? "/" : "").append("\">");
        Hrefs.escape(sb, c.name());
        sb.append(dir ? "/" : "").append("</a>");
        if (!dir) {
            sb.append(" <a class=\"view\" href=\"").append(href).append("?view=html\" title=\"view with line numbers\">")
                    .append("¶</a>");
        }
        sb.append("</td><td class=\"size\" data-v=\"").append(dir ? -1 : size).append("\">")
                .append(dir ? "" : human(size)).append("</td><td data-v=\"").append(secs).append("\">")
                .append(dates.iso(secs).replace('T', ' ').replace("Z", "")).append("</td><td class=\"target\"");
        if (r != null && r.target().isPresent()) {
            String t = r.target().get();
            sb.append(" data-v=\"");
            Hrefs.escape(sb, t);
            sb.append("\"><a class=\"follow\" href=\"").append(Hrefs.of(parentOf(t), true)).append("\">");
            Hrefs.escape(sb, "/" + parentOf(t) + "/");
            sb.append("</a>");
        } else {
            sb.append(" data-v=\"\">");
        }
        sb.append("</td></tr>\n");
        if (sb.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void head(String title) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
        Hrefs.escape(sb, title);
        sb.append("</title>\n<meta name=\"viewport\" content=\"width=device-width\">\n").append(STYLE)
                .append("</head><body>\n");
    }

    private void crumbs(String path, boolean dir) {
        sb.append("<nav class=\"crumbs\"><a href=\"/\">mache</a> /");
        if (!path.isEmpty()) {
            String[] parts = path.split("/");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    prefix.append('/');
                }
                prefix.append(parts[i]);
                boolean last = i == parts.length - 1;
                sb.append(' ');
                if (last && !dir) {
                    sb.append("<span>");
                    Hrefs.escape(sb, parts[i]);
                    sb.append("</span>");
                } else {
                    sb.append("<a href=\"").append(Hrefs.of(prefix.toString(), true)).append("\">");
                    Hrefs.escape(sb, parts[i]);
                    sb.append("</a> /");
                }
            }
        }
        sb.append("</nav>\n");
    }

    private void locationLine(Optional<Location> loc) {
        loc.ifPresent(l -> {
            sb.append("<p class=\"loc\">location: <a class=\"location\" href=\"/files/");
            for (String seg : l.path().split("/")) {
                if (sb.charAt(sb.length() - 1) != '/') {
                    sb.append('/');
                }
                Hrefs.appendSegment(sb, seg.replace("%", "%25"));
            }
            sb.append("?view=html#L").append(l.first()).append("\">");
            Hrefs.escape(sb, l.path() + ":" + l.first() + ":" + l.last());
            sb.append("</a></p>\n");
        });
    }

    /** The bytes of {@code r} as numbered lines, the first one numbered {@code first}. */
    private void source(Resource r, int first) throws IOException {
        if (r.size() > MAX_RENDERED) {
            sb.append("<p>(").append(r.size()).append(" bytes: too large to render; use the raw link)</p>\n");
            return;
        }
        String text = new String(r.readSmallOrAll(snapshot), StandardCharsets.UTF_8);
        sb.append("<pre class=\"src\">");
        int n = first;
        int start = 0;
        int len = text.length();
        while (start < len) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? len : nl;
            sb.append("<span class=\"l\" id=\"L").append(n).append("\"><a class=\"n\" href=\"#L").append(n)
                    .append("\">").append(n).append("</a>");
            Hrefs.escape(sb, text.subSequence(start, end));
            sb.append("</span>");
            n++;
            start = end + 1;
            if (sb.length() >= FLUSH_AT) {
                flush();
            }
        }
        sb.append("</pre>\n");
    }

    private String text(Entry file, int max) {
        return new String(snapshot.read(file, 0, (int) Math.min(max, file.size())), StandardCharsets.UTF_8);
    }

    private void flush() throws IOException {
        out.append(sb);
        sb.setLength(0);
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String human(long size) {
        if (size < 1024) {
            return size + " B";
        }
        if (size < 1024 * 1024) {
            return String.format("%.1f KiB", size / 1024.0);
        }
        return String.format("%.1f MiB", size / (1024.0 * 1024));
    }

    /** A {@code location} file's {@code <repo path>:<first line>:<last line>}. */
    record Location(String path, int first, int last) {
        static Optional<Location> parse(String text) {
            String t = text.strip();
            int b = t.lastIndexOf(':');
            int a = b > 0 ? t.lastIndexOf(':', b - 1) : -1;
            if (a <= 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Location(t.substring(0, a), Integer.parseInt(t.substring(a + 1, b)),
                        Integer.parseInt(t.substring(b + 1))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
