/**
 * The WebDAV server and its HTML view: a thin translation of HTTP onto {@link dev.mache.vfs.VirtualFileSystem}.
 *
 * <h2>Why a hand-written servlet and not milton</h2>
 * The design named milton 4.0.5 on Jetty 12. milton's PROPFIND builds a {@code List} of every child's property
 * response before writing a byte, and its collection contract ({@code getChildren()}) returns all children as a
 * list: a 150,000-entry directory would be held in memory twice. It also follows redirects and depth-infinity
 * policies of its own. Overriding PROPFIND, GET (content-hash ETags, ranges), OPTIONS and LOCK leaves milton
 * nothing to do for a read-only tree, while it would still drag in mail, FTP and OAuth modules. So the protocol
 * is one servlet ({@code DavServlet}) on Jetty 12 ee10, about a thousand lines with the HTML view.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>One {@link dev.mache.vfs.VfsSnapshot} per request; nothing is cached across requests.</li>
 *   <li>OPTIONS on any path: {@code DAV: 1,2}, {@code Allow}. PROPFIND Depth 0/1 with allprop, propname or named
 *       properties, streamed page by page ({@code listAfter}); Depth infinity (or none) gets 403 with
 *       {@code DAV:propfind-finite-depth}. A collection URL with or without its slash is answered directly.</li>
 *   <li>Symlinks ({@code callers/ callees/ defs/} entries) are served as regular files with their target's bytes,
 *       size and time, and a {@code mache:target} property ({@code https://mache.dev/ns}) naming the target.</li>
 *   <li>GET/HEAD: Content-Length, a strong ETag (128 bits of the SHA-256 of the bytes, see {@code Resource}),
 *       Last-Modified, conditional requests (304/412) and single byte ranges (206/416). Files are
 *       {@code text/plain; charset=utf-8}; a collection is an HTML page; {@code ?view=html} renders a file with
 *       line numbers.</li>
 *   <li>LOCK answers a well-formed exclusive write lock that locks nothing and UNLOCK always succeeds: the tree is
 *       read-only, so there is nothing to protect, and Finder, Windows and Office need the answer to mount and
 *       open files without errors.</li>
 *   <li>Writes (PUT, DELETE, PROPPATCH, COPY, MOVE, POST…) get 403, MKCOL 405.</li>
 *   <li>Request paths are decoded segment by segment from the raw URI; {@code .}/{@code ..}, an encoded slash,
 *       NUL or control characters, or invalid UTF-8 give 400. XML bodies are parsed without DTD support and any
 *       DOCTYPE is refused (400), and bodies over 256 KiB get 413.</li>
 * </ul>
 */
package dev.mache.vfs.webdav;
