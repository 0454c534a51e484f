package dev.mache.vfs.webdav;

import dev.mache.vfs.ops.AccessRecord;
import dev.mache.vfs.ops.Exposition;
import dev.mache.vfs.ops.Health;
import dev.mache.vfs.ops.Monitoring;
import dev.mache.vfs.ops.OpMeter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The WebDAV server's monitoring, as two decorators around the servlet: a handler answering {@code /_mache/health}
 * and {@code /_mache/metrics} before the tree sees the request, and Jetty's request log hook, which meters every
 * answered request ({@code protocol="webdav"}, the method as {@code op}; the two endpoints as
 * {@code protocol="http"}) and writes the access log.
 *
 * <p>{@code /_mache} cannot shadow the tree: the root holds only {@code README.txt}, the language directories,
 * {@code defs/}, {@code callers/}, {@code callees/} and {@code files/} (PROJECTION.md §1), and no name of those starts
 * with an underscore. It never shows in a listing, because listings come from the tree, not from this handler.
 */
final class DavMonitoring {
    static final String PREFIX = "/_mache";
    static final String HEALTH = PREFIX + "/health";
    static final String METRICS = PREFIX + "/metrics";

    /** Methods metered under their own name; any other is {@code op="other"} (clients choose methods freely). */
    private static final String[] METHODS = {"OPTIONS", "GET", "HEAD", "PROPFIND", "PROPPATCH", "LOCK", "UNLOCK",
            "MKCOL", "PUT", "DELETE", "COPY", "MOVE", "POST", "PATCH"};

    private DavMonitoring() {
    }

    /** Installs both decorators on {@code server}; returns the handler to set in place of {@code tree}. */
    static Handler install(Server server, Handler tree, Monitoring monitoring) {
        server.setRequestLog(new Meter(monitoring));
        return new Endpoints(tree, monitoring);
    }

    static boolean ours(String path) {
        return path.startsWith(PREFIX) && (path.length() == PREFIX.length() || path.charAt(PREFIX.length()) == '/');
    }

    /** {@code /_mache/...}: answered here, GET and HEAD only; everything else goes on to the tree. */
    private static final class Endpoints extends Handler.Wrapper {
        private final Monitoring monitoring;

        Endpoints(Handler tree, Monitoring monitoring) {
            super(tree);
            this.monitoring = monitoring;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = request.getHttpURI().getPath();
            if (path == null || !ours(path)) {
                return super.handle(request, response, callback);
            }
            String method = request.getMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                answer(response, callback, 405, DavServlet.TEXT_PLAIN, "Only GET and HEAD here.\n", false);
                return true;
            }
            switch (path) {
                case HEALTH -> {
                    Health h = monitoring.health().get();
                    answer(response, callback, h.httpStatus(), "application/json", h.json(), head);
                }
                case METRICS -> answer(response, callback, 200, Exposition.CONTENT_TYPE,
                        monitoring.metrics().exposition(), head);
                default -> answer(response, callback, 404, DavServlet.TEXT_PLAIN,
                        "Not found. Monitoring: " + HEALTH + ", " + METRICS + "\n", head);
            }
            return true;
        }

        private static void answer(Response response, Callback callback, int status, String type, String body,
                                   boolean head) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes), callback);
        }
    }

    /** Called by Jetty once per answered request, after the response completed. */
    private static final class Meter implements RequestLog {
        private final Monitoring monitoring;
        private final Map<String, OpMeter> byMethod = new HashMap<>();
        private final OpMeter other;
        private final OpMeter health;
        private final OpMeter metrics;
        private final OpMeter monitoringOther;

        Meter(Monitoring monitoring) {
            this.monitoring = monitoring;
            for (String m : METHODS) {
                byMethod.put(m, monitoring.metrics().meter("webdav", m));
            }
            other = monitoring.metrics().meter("webdav", "other");
            health = monitoring.metrics().meter("http", "health");
            metrics = monitoring.metrics().meter("http", "metrics");
            monitoringOther = monitoring.metrics().meter("http", "other");
        }

        @Override
        public void log(Request request, Response response) {
            long nanos = System.nanoTime() - request.getBeginNanoTime();
            String method = request.getMethod();
            String path = request.getHttpURI().getPath();
            int status = response.getStatus();
            OpMeter meter;
            if (path != null && ours(path)) {
                meter = path.equals(HEALTH) ? health : path.equals(METRICS) ? metrics : monitoringOther;
            } else {
                meter = byMethod.getOrDefault(method, other);
            }
            if (status >= 400) {
                meter.record(nanos, Integer.toString(status));
            } else {
                meter.record(nanos);
            }
            String ua = request.getHeaders().get(HttpHeader.USER_AGENT);
            monitoring.accessLog().log(new AccessRecord(System.currentTimeMillis(), Request.getRemoteAddr(request),
                    method, request.getHttpURI().getPathQuery(), status, Response.getContentBytesWritten(response),
                    nanos, ua == null ? "" : ua));
        }
    }
}
