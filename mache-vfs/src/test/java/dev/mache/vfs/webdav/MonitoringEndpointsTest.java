package dev.mache.vfs.webdav;

import static org.junit.jupiter.api.Assertions.*;

import dev.mache.vfs.Fixture;
import dev.mache.vfs.MemoryGraph;
import dev.mache.vfs.ProjectionFs;
import dev.mache.vfs.ops.AccessRecord;
import dev.mache.vfs.ops.Exposition;
import dev.mache.vfs.ops.Monitoring;
import dev.mache.vfs.ops.Scrape;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /_mache/health} and {@code /_mache/metrics} on the WebDAV port, driven by curl: exact counters after known
 * requests, the access log's records, and a root listing that never shows {@code _mache}.
 */
class MonitoringEndpointsTest {
    static final String SOURCE = "/" + Fixture.AL + "/source";

    static MemoryGraph graph;
    static WebDavServer server;
    static Curl curl;
    static final LinkedBlockingQueue<AccessRecord> logged = new LinkedBlockingQueue<>();
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        graph = new MemoryGraph(Fixture.builder());
        Monitoring monitoring = Monitoring.of(graph, null, logged::add);
        server = WebDavServer.start(new ProjectionFs(graph), new InetSocketAddress("127.0.0.1", 0), monitoring);
        curl = new Curl("http://127.0.0.1:" + server.port(), tmp);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The access log's next {@code n} records: Jetty logs a request just after its last byte went out. */
    static List<AccessRecord> next(int n) throws InterruptedException {
        List<AccessRecord> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AccessRecord r = logged.poll(30, TimeUnit.SECONDS);
            assertNotNull(r, "access log record " + (i + 1) + " of " + n);
            got.add(r);
        }
        return got;
    }

    static Scrape scrape() throws InterruptedException {
        Curl.Response r = curl.request("GET", "/_mache/metrics");
        assertEquals(200, r.status(), r.text());
        assertEquals(Exposition.CONTENT_TYPE, r.header("Content-Type"));
        assertEquals("no-store", r.header("Cache-Control"));
        next(1);
        return Scrape.parse(r.text());
    }

    static double webdav(Scrape s, String op) {
        return s.value("mache_requests_total", "protocol", "webdav", "op", op);
    }

    @Test
    void countersGrowByExactlyTheRequestsMade() throws Exception {
        logged.clear();
        Scrape before = scrape();
        int sourceBytes = 0;
        for (int i = 0; i < 3; i++) {
            Curl.Response r = curl.request("GET", SOURCE);
            assertEquals(200, r.status());
            sourceBytes = r.body().length;
        }
        assertTrue(sourceBytes > 0);
        assertEquals(404, curl.request("GET", "/no/such/file").status());
        assertEquals(404, curl.request("GET", "/no/such/file").status());
        assertEquals(207, curl.propfind("/java", "1", null).status());
        assertEquals(200, curl.request("HEAD", SOURCE).status());
        assertEquals(403, curl.request("PUT", "/x", "--data-binary", "x").status());
        assertEquals(200, curl.request("GET", "/_mache/health").status());
        List<AccessRecord> records = next(9);
        Scrape after = scrape();

        assertEquals(5, webdav(after, "GET") - webdav(before, "GET"));
        assertEquals(1, webdav(after, "PROPFIND") - webdav(before, "PROPFIND"));
        assertEquals(1, webdav(after, "HEAD") - webdav(before, "HEAD"));
        assertEquals(1, webdav(after, "PUT") - webdav(before, "PUT"));
        assertEquals(2, after.value("mache_request_failures_total", "protocol", "webdav", "op", "GET", "status", "404")
                - before.value("mache_request_failures_total", "protocol", "webdav", "op", "GET", "status", "404"));
        assertEquals(1, after.value("mache_request_failures_total", "protocol", "webdav", "op", "PUT", "status", "403")
                - before.value("mache_request_failures_total", "protocol", "webdav", "op", "PUT", "status", "403"));
        assertEquals(1, after.value("mache_requests_total", "protocol", "http", "op", "health")
                - before.value("mache_requests_total", "protocol", "http", "op", "health"));
        // the scrape before this one is counted; the scrape that reads the counters is not yet
        assertEquals(1, after.value("mache_requests_total", "protocol", "http", "op", "metrics")
                - before.value("mache_requests_total", "protocol", "http", "op", "metrics"));
        assertEquals(after.value("mache_requests_total", "protocol", "webdav", "op", "GET"),
                after.value("mache_request_duration_seconds_count", "protocol", "webdav", "op", "GET"));
        assertEquals(1, after.value("mache_store_up"));
        assertEquals(1, after.value("mache_snapshot_generation"));

        List<String> lines = records.stream().map(r -> r.method() + " " + r.path() + " " + r.status() + " "
                + r.bytes()).toList();
        assertEquals(List.of(
                "GET " + SOURCE + " 200 " + sourceBytes,
                "GET " + SOURCE + " 200 " + sourceBytes,
                "GET " + SOURCE + " 200 " + sourceBytes,
                "GET /no/such/file 404 " + records.get(3).bytes(),
                "GET /no/such/file 404 " + records.get(4).bytes(),
                "PROPFIND /java 207 " + records.get(5).bytes(),
                "HEAD " + SOURCE + " 200 0",
                "PUT /x 403 " + records.get(7).bytes(),
                "GET /_mache/health 200 " + records.get(8).bytes()), lines);
        for (AccessRecord r : records) {
            assertEquals("127.0.0.1", r.remote());
            assertTrue(r.userAgent().startsWith("curl/"), r.userAgent());
            assertTrue(r.durationNanos() > 0);
        }
    }

    @Test
    void healthAnswersWithTheSnapshot() throws Exception {
        Curl.Response r = curl.request("GET", "/_mache/health");
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        var stats = graph.open().stats();
        assertTrue(r.text().matches("\\{\"status\":\"ok\",\"phase\":\"ready\",\"generation\":1,"
                + "\"snapshot_age_seconds\":\\d+\\.\\d{3},\"files\":" + stats.files() + ",\"constructs\":"
                + stats.constructs() + ",\"references\":" + stats.references() + "}\n"), r.text());
        Curl.Response head = curl.request("HEAD", "/_mache/health");
        assertEquals(200, head.status());
        assertEquals(String.valueOf(r.body().length), head.header("Content-Length"));
    }

    @Test
    void anUnreadableStoreAnswers503() throws Exception {
        dev.mache.graph.Graph broken = new dev.mache.graph.Graph() {
            @Override
            public dev.mache.graph.Snapshot open() {
                throw new IllegalStateException("unable to open database file");
            }

            @Override
            public String describe() {
                return "broken";
            }

            @Override
            public void close() {
            }
        };
        WebDavServer down = WebDavServer.start(new ProjectionFs(broken), new InetSocketAddress("127.0.0.1", 0),
                Monitoring.of(broken, null, dev.mache.vfs.ops.AccessLog.none()));
        try {
            Curl c = new Curl("http://127.0.0.1:" + down.port(), tmp);
            Curl.Response health = c.request("GET", "/_mache/health");
            assertEquals(503, health.status());
            assertEquals("{\"status\":\"unavailable\",\"error\":\"unable to open database file\"}\n", health.text());
            Curl.Response metrics = c.request("GET", "/_mache/metrics");
            assertEquals(200, metrics.status(), "the scrape itself works and says the store is down");
            assertEquals(0, Scrape.parse(metrics.text()).value("mache_store_up"));
            assertTrue(Scrape.parse(metrics.text()).has("mache_store_up"));
        } finally {
            down.close();
        }
    }

    @Test
    void theMonitoringNamespaceIsNotPartOfTheTree() throws Exception {
        Curl.Response listing = curl.propfind("/", "1", null);
        assertEquals(207, listing.status());
        assertFalse(listing.text().contains("_mache"), listing.text());
        assertTrue(listing.text().contains("<D:href>/README.txt</D:href>"), listing.text());
        Curl.Response html = curl.request("GET", "/", "-H", "Accept: text/html");
        assertFalse(html.text().contains("_mache"), html.text());

        Curl.Response propfind = curl.propfind("/_mache/health", "0", null);
        assertEquals(405, propfind.status());
        assertEquals("GET, HEAD", propfind.header("Allow"));
        assertEquals(404, curl.request("GET", "/_mache/").status());
        assertEquals(404, curl.request("GET", "/_mache/other").status());
        // a name that only starts like it goes to the tree (which has no such entry)
        assertEquals(404, curl.propfind("/_machex", "0", null).status());
    }
}
