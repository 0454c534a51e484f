package dev.mache.vfs.webdav;

import dev.mache.vfs.VirtualFileSystem;
import dev.mache.vfs.ops.Monitoring;
import java.net.InetSocketAddress;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The WebDAV server of {@code mache serve}: Jetty 12 with one servlet that translates WebDAV onto a
 * {@link VirtualFileSystem}. Binds where it is told (127.0.0.1 by default in {@code mache serve}); port 0 picks an
 * ephemeral port.
 */
public final class WebDavServer implements AutoCloseable {

    public static final InetSocketAddress DEFAULT_BIND = new InetSocketAddress("127.0.0.1", 0);

    private final Server server;
    private final ServerConnector connector;
    private final PlainFileHandler files;
    private final String host;
    private final String scheme;

    private WebDavServer(Server server, ServerConnector connector, PlainFileHandler files, String host,
                         String scheme) {
        this.server = server;
        this.connector = connector;
        this.files = files;
        this.host = host;
        this.scheme = scheme;
    }

    public static WebDavServer start(VirtualFileSystem vfs, InetSocketAddress bind) {
        return start(vfs, bind, DavSecurity.OPEN, null);
    }

    /**
     * As {@link #start(VirtualFileSystem, InetSocketAddress)}, with an allow-list and a token checked by
     * {@link DavAccessHandler} in front of everything, and HTTPS when {@code security} has a key store.
     */
    public static WebDavServer start(VirtualFileSystem vfs, InetSocketAddress bind, DavSecurity security) {
        return start(vfs, bind, security, null);
    }

    /**
     * As {@link #start(VirtualFileSystem, InetSocketAddress)}, also metering every request, writing the access log
     * and answering {@code /_mache/health} and {@code /_mache/metrics} for {@code monitoring}.
     */
    public static WebDavServer start(VirtualFileSystem vfs, InetSocketAddress bind, Monitoring monitoring) {
        return start(vfs, bind, DavSecurity.OPEN, monitoring);
    }

    /**
     * Serves {@code vfs} behind {@code security}'s checks, with {@code monitoring} (null: none) inside them: a client
     * that is refused sees no tree and no metrics either.
     */
    public static WebDavServer start(VirtualFileSystem vfs, InetSocketAddress bind, DavSecurity security,
                                     Monitoring monitoring) {
        return start(vfs, bind, security, monitoring, true);
    }

    /** As above; {@code plainFiles} false sends small GETs to the servlet too (tests compare both ways). */
    static WebDavServer start(VirtualFileSystem vfs, InetSocketAddress bind, DavSecurity security,
                              Monitoring monitoring, boolean plainFiles) {
        InetSocketAddress where = bind == null ? DEFAULT_BIND : bind;
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("mache-dav");
        pool.setDaemon(true);
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        // Paths are decoded and checked by DavPath on the raw URI, segment by segment; Jetty must hand over names
        // like "a%252Fb" (a tree name containing an escaped slash) instead of refusing them as ambiguous.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServerConnector connector = security.tls().isPresent()
                ? DavTls.connector(server, http, security.tls().get())
                : new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(where.getHostString());
        connector.setPort(where.getPort());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/", false, false);
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        context.addServlet(new ServletHolder("webdav", new DavServlet(vfs)), "/*");
        Handler served = monitoring == null ? context : DavMonitoring.install(server, context, monitoring);
        // small GETs and HEADs answered on the selector thread; all else goes on to the servlet in the pool. Not for
        // a tree read over a socket (a daemon): a stalled read would hold up every connection of that selector.
        PlainFileHandler files = plainFiles && vfs.inProcess() ? new PlainFileHandler(vfs, served) : null;
        Handler tree = files != null ? files : served;
        server.setHandler(security.checked() ? new DavAccessHandler(security, tree) : tree);
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot start the WebDAV server on " + where + ": " + e.getMessage(), e);
        }
        return new WebDavServer(server, connector, files, where.getHostString(),
                security.tls().isPresent() ? "https" : "http");
    }

    /** Requests answered by {@link PlainFileHandler} on the selector thread so far (tests). */
    long plainFilesAnswered() {
        return files == null ? 0 : files.answered();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:8080/} ({@code https} with TLS). */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port() + "/";
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the WebDAV server: " + e.getMessage(), e);
        }
    }
}
