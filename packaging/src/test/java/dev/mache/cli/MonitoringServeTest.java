package dev.mache.cli;

import dev.mache.vfs.ops.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Monitoring of {@code mache serve DIR}, driven by clients nobody here wrote (libnfs's nfs-ls and nfs-cat, curl):
 * the counters of {@code /_mache/metrics} grow by the requests made, the health check and the index gauges agree
 * with the index summary, the access log has a line per WebDAV request, and stderr is logfmt throughout.
 */
class MonitoringServeTest {
    private static final Pattern LOG_LINE = Pattern.compile(
            "ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=(error|warn|info|debug) logger=\\S+( .*)?");

    @TempDir
    Path tmp;

    private Path repo() throws IOException {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("demo/Greeter.java"), LiveServeTest.GREETER);
        Files.writeString(src.resolve("demo/Other.java"), "package demo;\n\nclass Other {\n    void run() {}\n}\n");
        return src;
    }


    private record Result(int status, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        return new Result(p.exitValue(), output);
    }

    /** curl: the status line's code and the body. */
    private static Result curl(String method, String url, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-X", method, "-w", "\n%{http_code}"));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        Result r = run(cmd.toArray(String[]::new));
        assertEquals(0, r.status(), r.output());
        int nl = r.output().lastIndexOf('\n');
        return new Result(Integer.parseInt(r.output().substring(nl + 1).trim()), r.output().substring(0, nl));
    }

    private static Scrape scrape(ServeRun serve) throws Exception {
        Result r = curl("GET", serve.dav() + "/_mache/metrics");
        assertEquals(200, r.status(), r.output());
        return Scrape.parse(r.output());
    }

    private static double diff(Scrape after, Scrape before, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    @Test
    void metricsHealthAndAccessLogFollowRealClients() throws Exception {
        Path src = repo();
        ServeRun serve = ServeRun.start("serve", src.toString(), "--db", tmp.resolve("x.db").toString(), "--no-watch");
        try {
            observed(serve);
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
        for (String line : serve.err().text().lines().toList()) {
            assertTrue(LOG_LINE.matcher(line).matches(), () -> "not a logfmt event: " + line);
        }
    }

    private void observed(ServeRun serve) throws Exception {
        Matcher summary = Pattern.compile("(\\d+) files \\(.*\\), (\\d+) constructs, (\\d+) references in")
                .matcher(serve.out().text());
        assertTrue(summary.find(), serve.out().text());
        String dav = serve.dav();

        Result health = curl("GET", dav + "/_mache/health");
        assertEquals(200, health.status());
        assertTrue(health.output().matches("\\{\"status\":\"ok\",\"phase\":\"ready\",\"generation\":[1-9]\\d*,"
                + "\"snapshot_age_seconds\":\\d+\\.\\d{3},\"files\":" + summary.group(1) + ",\"constructs\":"
                + summary.group(2) + ",\"references\":" + summary.group(3) + "}\n"), health.output());

        Scrape before = scrape(serve);
        accessLines(serve, 2); // health and the first scrape are logged before the counted requests start

        // NFS: two listings, one read, one read of a missing file (four mounts)
        for (int i = 0; i < 2; i++) {
            Result ls = run("nfs-ls", serve.nfs("/java/demo/classes"));
            assertEquals(0, ls.status(), ls.output());
            assertTrue(ls.output().contains(" Greeter\n"), ls.output());
        }
        Result cat = run("nfs-cat", serve.nfs("/files/demo/Greeter.java"));
        assertEquals(0, cat.status(), cat.output());
        assertEquals(LiveServeTest.GREETER, cat.output());
        Result missing = run("nfs-cat", serve.nfs("/files/demo/Missing.java"));
        assertNotEquals(0, missing.status(), missing.output());

        // WebDAV: two reads, one miss, one listing of the root
        for (int i = 0; i < 2; i++) {
            Result get = curl("GET", dav + "/files/demo/Greeter.java", "-A", "monitoring-test/1");
            assertEquals(200, get.status());
        }
        assertEquals(404, curl("GET", dav + "/files/demo/Missing.java").status());
        Result root = curl("PROPFIND", dav + "/", "-H", "Depth: 1");
        assertEquals(207, root.status());
        assertTrue(root.output().contains("<D:href>/README.txt</D:href>"), root.output());
        assertFalse(root.output().contains("_mache"), root.output());

        List<String> access = accessLines(serve, 6);
        Scrape after = scrape(serve);

        assertEquals(3, diff(after, before, "mache_requests_total", "protocol", "webdav", "op", "GET"),
                "two reads and one miss");
        assertEquals(1, diff(after, before, "mache_requests_total", "protocol", "webdav", "op", "PROPFIND"));
        assertEquals(1, diff(after, before, "mache_request_failures_total", "protocol", "webdav", "op", "GET",
                "status", "404"));
        assertEquals(1, diff(after, before, "mache_requests_total", "protocol", "http", "op", "metrics"));
        assertEquals(4, diff(after, before, "mache_requests_total", "protocol", "mount", "op", "MNT"),
                "one mount per client run");
        assertTrue(diff(after, before, "mache_requests_total", "protocol", "nfs", "op", "READDIRPLUS")
                + diff(after, before, "mache_requests_total", "protocol", "nfs", "op", "READDIR") >= 2);
        assertTrue(diff(after, before, "mache_requests_total", "protocol", "nfs", "op", "READ") >= 1);
        assertTrue(diff(after, before, "mache_request_failures_total", "protocol", "nfs", "op", "LOOKUP",
                "status", "NFS3ERR_NOENT") >= 1, "the missing file's LOOKUP");
        for (Scrape.Sample s : after.samples()) {
            if (s.name().equals("mache_requests_total")) {
                assertEquals(s.value(), after.value("mache_request_duration_seconds_count",
                        "protocol", s.labels().get("protocol"), "op", s.labels().get("op")), s.toString());
            }
        }
        assertEquals(Double.parseDouble(summary.group(1)), after.value("mache_index_files"));
        assertEquals(Double.parseDouble(summary.group(2)), after.value("mache_index_constructs"));
        assertEquals(Double.parseDouble(summary.group(3)), after.value("mache_index_references"));
        assertEquals(1, after.value("mache_index_runs_total"));
        assertTrue(after.value("mache_last_index_duration_seconds") > 0);
        assertTrue(after.value("mache_snapshot_generation") >= 1);
        assertTrue(after.has("mache_snapshot_age_seconds"));
        assertEquals(1, after.value("mache_store_up"));

        // the access log: the six WebDAV requests after health and the first scrape, in order
        List<String> counted = access.subList(2, 6);
        Pattern line = Pattern.compile("ts=\\S+ level=info logger=mache\\.access remote=127\\.0\\.0\\.1 "
                + "method=(\\S+) path=(\\S+) status=(\\d+) bytes=(\\d+) ms=\\d+\\.\\d{3} ua=(\\S+)");
        List<String> seen = new ArrayList<>();
        for (String l : counted) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), l);
            seen.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(5));
            if (m.group(2).equals("/files/demo/Greeter.java")) {
                assertEquals(LiveServeTest.GREETER.length(), Integer.parseInt(m.group(4)));
            }
        }
        assertEquals(List.of(
                "GET /files/demo/Greeter.java 200 monitoring-test/1",
                "GET /files/demo/Greeter.java 200 monitoring-test/1",
                "GET /files/demo/Missing.java 404 " + curlAgent(counted.get(2)),
                "PROPFIND / 207 " + curlAgent(counted.get(3))), seen);
        assertTrue(curlAgent(counted.get(2)).startsWith("curl/"));
    }

    private static String curlAgent(String accessLine) {
        return accessLine.substring(accessLine.lastIndexOf(" ua=") + 4);
    }

    @Test
    void accessLogFileAndWarnLevel() throws Exception {
        Path src = repo();
        Path log = tmp.resolve("logs/access.log");
        Files.createDirectories(log.getParent());
        ServeRun serve = ServeRun.start("serve", src.toString(), "--db", tmp.resolve("x.db").toString(), "--no-watch",
                "--no-nfs", "--access-log", log.toString(), "--log-level", "WARN");
        try {
            assertEquals(200, curl("GET", serve.dav() + "/files/demo/Other.java").status());
            assertEquals(404, curl("GET", serve.dav() + "/nope?x=1").status());
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("ts=\\S+ remote=127\\.0\\.0\\.1 method=GET path=/files/demo/Other\\.java "
                + "status=200 bytes=" + Files.size(src.resolve("demo/Other.java")) + " ms=\\d+\\.\\d{3} ua=curl/\\S+"), lines.get(0));
        assertTrue(lines.get(1).matches("ts=\\S+ remote=127\\.0\\.0\\.1 method=GET path=\"/nope\\?x=1\" "
                + "status=404 bytes=\\d+ ms=\\d+\\.\\d{3} ua=curl/\\S+"), lines.get(1));
        assertFalse(serve.err().text().contains("level=info"), serve.err().text());
    }

    @Test
    void aLogLevelNobodyKnowsIsAUsageError() {
        ServeTest.Capture err = new ServeTest.Capture();
        int status = Main.run(new String[] {"serve", "--log-level", "loud", "--db", "x.db"},
                new Cli(null, new PrintStream(new ServeTest.Capture()), new PrintStream(err, true,
                        StandardCharsets.UTF_8), false));
        assertEquals(2, status);
        assertEquals("mache: Invalid value for option '--log-level': unknown log level 'loud' (expected error, warn, "
                + "info or debug) (try 'mache serve --help')\n", err.text());
    }

    /** Waits until {@code serve} has logged at least {@code n} access log lines (they follow the response). */
    private static List<String> accessLines(ServeRun serve, int n) throws InterruptedException {
        ServeTest.Capture err = serve.err();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> lines = err.text().lines().filter(l -> l.contains(" logger=mache.access ")).toList();
            if (lines.size() >= n) {
                return lines;
            }
            long left = deadline - System.nanoTime();
            assertTrue(left > 0, "expected " + n + " access log lines: " + err.text());
            synchronized (err) {
                if (err.text().lines().filter(l -> l.contains(" logger=mache.access ")).count() < n) {
                    TimeUnit.NANOSECONDS.timedWait(err, left);
                }
            }
        }
    }
}
