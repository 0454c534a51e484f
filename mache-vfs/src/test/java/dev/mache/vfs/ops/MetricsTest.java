package dev.mache.vfs.ops;

import static org.junit.jupiter.api.Assertions.*;

import dev.mache.graph.Graph;
import dev.mache.graph.Snapshot;
import dev.mache.vfs.Fixture;
import dev.mache.vfs.MemoryGraph;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void expositionOfKnownRequestsIsExact() {
        Metrics m = new Metrics();
        OpMeter getattr = m.meter("nfs", "GETATTR");
        getattr.record(50_000);          // 50 µs: first bucket (le 0.0001)
        getattr.record(100_000);         // exactly on a bound: that bucket
        getattr.record(2_000_000);       // 2 ms: le 0.005
        m.meter("webdav", "GET").record(7_000_000_000L, "404"); // past the last bound: +Inf only
        m.meter("webdav", "PROPFIND");   // never used: left out
        assertSame(getattr, m.meter("nfs", "GETATTR"));

        String nfsBuckets = """
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="0.0001"} 2
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="0.0005"} 2
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="0.001"} 2
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="0.005"} 3
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="0.01"} 3
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="0.05"} 3
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="0.1"} 3
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="0.5"} 3
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="1"} 3
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="5"} 3
                mache_request_duration_seconds_bucket{protocol="nfs",op="GETATTR",le="+Inf"} 3
                mache_request_duration_seconds_sum{protocol="nfs",op="GETATTR"} 0.00215
                mache_request_duration_seconds_count{protocol="nfs",op="GETATTR"} 3
                """;
        String text = m.exposition();
        assertTrue(text.startsWith("""
                # HELP mache_requests_total Requests answered, by protocol and operation.
                # TYPE mache_requests_total counter
                mache_requests_total{protocol="nfs",op="GETATTR"} 3
                mache_requests_total{protocol="webdav",op="GET"} 1
                # HELP mache_request_duration_seconds Time to answer a request (from its decoding to its reply), \
                by protocol and operation.
                # TYPE mache_request_duration_seconds histogram
                """ + nfsBuckets), text);
        assertTrue(text.endsWith("""
                mache_request_duration_seconds_bucket{protocol="webdav",op="GET",le="5"} 0
                mache_request_duration_seconds_bucket{protocol="webdav",op="GET",le="+Inf"} 1
                mache_request_duration_seconds_sum{protocol="webdav",op="GET"} 7
                mache_request_duration_seconds_count{protocol="webdav",op="GET"} 1
                # HELP mache_request_failures_total Requests answered with a failure, by protocol, operation and \
                status (HTTP 4xx/5xx, nfsstat3).
                # TYPE mache_request_failures_total counter
                mache_request_failures_total{protocol="webdav",op="GET",status="404"} 1
                """), text);
        Scrape s = Scrape.parse(text);
        assertEquals(3, s.value("mache_requests_total", "protocol", "nfs", "op", "GETATTR"));
        assertFalse(s.has("mache_requests_total", "protocol", "webdav", "op", "PROPFIND"));
        assertEquals("histogram", s.type("mache_request_duration_seconds"));
    }

    @Test
    void concurrentRecordingLosesNothing() throws Exception {
        Metrics m = new Metrics();
        OpMeter read = m.meter("nfs", "READ");
        int threads = 4;
        int each = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    if (i % 10 == 0) {
                        read.record(1_000, "NFS3ERR_IO");
                    } else {
                        read.record(1_000);
                    }
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        Scrape s = Scrape.parse(m.exposition());
        assertEquals(threads * each, s.value("mache_requests_total", "protocol", "nfs", "op", "READ"));
        assertEquals(threads * each / 10, s.value("mache_request_failures_total", "protocol", "nfs", "op", "READ",
                "status", "NFS3ERR_IO"));
        assertEquals(threads * each * 1e-6, s.value("mache_request_duration_seconds_sum", "protocol", "nfs",
                "op", "READ"), 1e-9);
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        Exposition e = new Exposition().family("x_total", "counter", "a \\ b\nc")
                .sample("x_total", 1, "path", "a\"b\\c\nd");
        assertEquals("""
                # HELP x_total a \\\\ b\\nc
                # TYPE x_total counter
                x_total{path="a\\"b\\\\c\\nd"} 1
                """, e.toString());
        Scrape s = Scrape.parse(e.toString());
        assertEquals(1, s.value("x_total", "path", "a\"b\\c\nd"));
        assertEquals("0.25", Exposition.number(0.25));
        assertEquals("1795836747.545", Exposition.number(1795836747.545));
        assertEquals("NaN", Exposition.number(Double.NaN));
        assertEquals("+Inf", Exposition.number(Double.POSITIVE_INFINITY));
    }

    @Test
    void theStrictParserRefusesWhatPrometheusWouldNot() {
        for (String bad : new String[] {
                "x 1",                                                   // no newline at the end
                "x 1\n",                                                 // no TYPE
                "# TYPE x gauge\nx{a=b} 1\n",                            // unquoted label value
                "# TYPE x gauge\nx 1\n# TYPE y gauge\ny 1\nx{a=\"b\"} 2\n", // not contiguous
                "# TYPE x gauge\nx 1\nx 2\n",                            // series repeated
                "# TYPE x gauge\nx one\n",                               // not a number
                "# a comment\n",                                         // neither HELP nor TYPE
                "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
                "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n"}) {
            assertThrows(AssertionError.class, () -> Scrape.parse(bad), bad);
        }
        Scrape.parse("");
        Scrape.parse("# HELP x y\n# TYPE x gauge\n\nx{a=\"b\",c=\"d\"} -1.5e3 1700000000000\n");
    }

    @Test
    void snapshotGaugesAndHealthComeFromTheServedSnapshot() {
        MemoryGraph graph = new MemoryGraph(Fixture.builder());
        SnapshotProbe probe = new SnapshotProbe(graph, () -> Fixture.COMMIT + 2_500_000_000L);
        Health h = probe.health();
        Snapshot snap = graph.open();
        var stats = snap.stats();
        assertEquals("{\"status\":\"ok\",\"phase\":\"ready\",\"generation\":1,\"snapshot_age_seconds\":2.500,"
                + "\"files\":" + stats.files() + ",\"constructs\":" + stats.constructs()
                + ",\"references\":" + stats.references() + "}\n", h.json());
        assertEquals(200, h.httpStatus());

        Metrics m = new Metrics();
        m.register(probe);
        IndexRuns runs = new IndexRuns();
        m.register(runs);
        Scrape before = Scrape.parse(m.exposition());
        assertEquals(0, before.value("mache_index_runs_total"));
        assertFalse(before.has("mache_last_index_duration_seconds"), "no index run yet");
        runs.finished(Duration.ofMillis(1250));
        graph.publish(Fixture.withoutLong());
        Scrape s = Scrape.parse(m.exposition());
        assertEquals(1, s.value("mache_store_up"));
        assertEquals(2, s.value("mache_snapshot_generation"));
        assertEquals(2.5, s.value("mache_snapshot_age_seconds"));
        assertEquals(graph.open().stats().constructs(), s.value("mache_index_constructs"));
        assertEquals(graph.open().stats().files(), s.value("mache_index_files"));
        assertEquals(graph.open().stats().references(), s.value("mache_index_references"));
        assertEquals(1, s.value("mache_index_runs_total"));
        assertEquals(1.25, s.value("mache_last_index_duration_seconds"));
    }

    @Test
    void anUnreadableStoreIs503AndStoreDown() {
        Graph broken = new Graph() {
            @Override
            public Snapshot open() {
                throw new IllegalStateException("database disk image is malformed\nsecond line");
            }

            @Override
            public String describe() {
                return "broken";
            }

            @Override
            public void close() {
            }
        };
        SnapshotProbe probe = new SnapshotProbe(broken);
        Health h = probe.health();
        assertEquals(503, h.httpStatus());
        assertEquals("{\"status\":\"unavailable\",\"error\":\"database disk image is malformed\"}\n", h.json());
        Metrics m = new Metrics();
        m.register(probe);
        Scrape s = Scrape.parse(m.exposition());
        assertEquals(0, s.value("mache_store_up"));
        assertFalse(s.has("mache_snapshot_generation"));
    }

    @Test
    void logfmtQuotesWhatNeedsIt() {
        StringBuilder line = new StringBuilder();
        Logfmt.pair(line, "a", "plain");
        Logfmt.pair(line, "b", "two words");
        Logfmt.pair(line, "c", "");
        Logfmt.pair(line, "d", "x=y");
        Logfmt.pair(line, "e", "say \"hi\"\nback\\slash");
        Logfmt.pair(line, "f", null);
        Logfmt.pair(line, "g", 42);
        assertEquals("a=plain b=\"two words\" c=\"\" d=\"x=y\" e=\"say \\\"hi\\\"\\nback\\\\slash\" f=\"\" g=42",
                line.toString());
        assertEquals("2023-11-14T22:13:20.123Z", Logfmt.time(1_700_000_000_123L));
        assertEquals("2023-11-14T22:13:20.005Z", Logfmt.time(1_700_000_000_005L)); // same second, cached prefix
        assertEquals("2023-11-14T22:13:21.000Z", Logfmt.time(1_700_000_001_000L));
        assertEquals("1969-12-31T23:59:59.999Z", Logfmt.time(-1L));
    }

    @Test
    void accessRecordLine() {
        AccessRecord r = new AccessRecord(1_700_000_000_123L, "127.0.0.1", "GET", "/files/a b.txt?x=1", 200, 1234,
                3_456_789, "curl/8.0");
        assertEquals("ts=2023-11-14T22:13:20.123Z remote=127.0.0.1 method=GET path=\"/files/a b.txt?x=1\" "
                + "status=200 bytes=1234 ms=3.456 ua=curl/8.0", r.line());
        assertEquals("0.000", AccessRecord.millis(999));
        assertEquals("0.050", AccessRecord.millis(50_000));
        assertEquals("12.345", AccessRecord.millis(12_345_678));
    }
}
