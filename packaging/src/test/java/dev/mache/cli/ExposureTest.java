package dev.mache.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.graph.Graph;
import dev.mache.vfs.Fixture;
import dev.mache.vfs.MemoryGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serving beyond loopback through the command line: refused without allow-lists, and with them only the allowed
 * clients (and, for WebDAV, only requests with the token) are answered; checked with curl and nfs-ls.
 */
class ExposureTest {
    @TempDir
    Path tmp;

    /** Every database holds the fixture tree. */
    private GraphStore fixtureStore() {
        return new GraphStore() {
            @Override
            public Graph open(Path p) {
                return new MemoryGraph(Fixture.builder());
            }

            @Override
            public Path defaultDbFor(Path source) {
                return tmp.resolve("x.db");
            }

            @Override
            public Report index(Path s, Path d, Long m, Integer t, Progress p) {
                throw new AssertionError("serving --db must not index");
            }
        };
    }

    private record Result(int status, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        return new Result(p.exitValue(), output);
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " not in " + text);
        return m.group(1);
    }

    private Result serveRefused(String... args) throws Exception {
        Path db = Files.writeString(tmp.resolve("x.db"), "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 3];
        all[0] = "serve";
        all[1] = "--db";
        all[2] = db.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int status = Main.run(all, new Cli(fixtureStore(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing is served");
        return new Result(status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWildcardBindWithoutAllowListsIsRefused() throws Exception {
        assertEquals(new Result(1, "mache: refusing to listen on 0.0.0.0 (every address of this machine) without "
                + "access control: add --nfs-allow CIDR and --dav-allow CIDR and --dav-token-file FILE (or --dav-token "
                + "TOKEN), or --no-nfs / --no-dav; or bind 127.0.0.1\n"), serveRefused("--bind", "0.0.0.0"));
        assertEquals(new Result(1, "mache: refusing to listen on :: (every address of this machine) without "
                + "access control: add --nfs-allow CIDR; or bind 127.0.0.1\n"), serveRefused("--bind", "::", "--no-dav"));
        assertEquals(new Result(1, "mache: refusing to listen on 0.0.0.0 (every address of this machine) without "
                + "access control: add --dav-token-file FILE (or --dav-token TOKEN); or bind 127.0.0.1\n"),
                serveRefused("--bind", "0.0.0.0", "--no-nfs", "--dav-allow", "10.0.0.0/8"));
        assertEquals(new Result(1, "mache: --nfs-allow: 'everyone' is not a CIDR block (like 10.0.0.0/8 or "
                + "fd00::/8)\n"), serveRefused("--bind", "0.0.0.0", "--nfs-allow", "everyone", "--no-dav"));
        assertEquals(new Result(1, "mache: --dav-token-file " + tmp.resolve("none") + ": cannot read it "
                + "(NoSuchFileException)\n"), serveRefused("--dav-token-file", tmp.resolve("none").toString()));
        Path conf = Files.writeString(tmp.resolve("m.conf"), "bind = 0.0.0.0\nnfs = false\n");
        assertEquals(new Result(1, "mache: refusing to listen on 0.0.0.0 (every address of this machine) without "
                + "access control: add --dav-allow CIDR and --dav-token-file FILE (or --dav-token TOKEN); or bind "
                + "127.0.0.1\n"), serveRefused("--config", conf.toString()));
    }

    @Test
    void withAllowListsAndATokenOnlyAllowedClientsWithTheTokenAreServed() throws Exception {
        Path db = Files.writeString(tmp.resolve("x.db"), "");
        Path token = Files.writeString(tmp.resolve("token"), "t0ken-of-this-test\n");
        // NFS allows a network the test is not in; WebDAV allows loopback with the token
        ServeRun serve = ServeRun.start(fixtureStore(), "serve", "--db", db.toString(), "--bind", "0.0.0.0",
                "--nfs-allow", "10.0.0.0/8", "--dav-allow", "127.0.0.0/8", "--dav-token-file", token.toString());
        try {
            String out = serve.out().text();
            String nfsPort = group(out, "nfsport=(\\d+)");
            String davPort = group(out, "WebDAV: http://0\\.0\\.0\\.0:(\\d+)/\n");
            assertTrue(out.contains("  NFS listens on "), out);
            assertTrue(out.contains("127.0.0.1:" + nfsPort + ", ") || out.contains(", 127.0.0.1:" + nfsPort), out);
            assertTrue(out.contains(" (0.0.0.0: every address); clients: 10.0.0.0/8\n"), out);
            assertTrue(out.contains("http://127.0.0.1:" + davPort + "/"), out);
            assertTrue(out.contains(" (0.0.0.0: every address); clients: 127.0.0.0/8, with the token\n"), out);
            assertTrue(out.contains("  note: the token crosses the network in clear text: add --dav-tls-keystore "
                    + "FILE or put an HTTPS proxy in front\n"), out);

            String url = "http://127.0.0.1:" + davPort + "/";
            assertEquals(new Result(0, "401"), run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", url));
            Result headers = run("curl", "-sS", "-o", "/dev/null", "-D", "-", url);
            assertEquals(List.of("WWW-Authenticate: Bearer realm=\"mache\"",
                    "WWW-Authenticate: Basic realm=\"mache\", charset=\"UTF-8\""),
                    headers.output().lines().filter(l -> l.startsWith("WWW-Authenticate")).toList());
            assertEquals(new Result(0, "207"), run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                    "-X", "PROPFIND", "-H", "Depth: 1", "-H", "Authorization: Bearer t0ken-of-this-test", url));
            assertEquals(new Result(0, "class Main {}\n200"), run("curl", "-sS", "-w", "%{http_code}",
                    "-u", "me:t0ken-of-this-test", url + "files/src/Main.java"));
            assertEquals(new Result(0, "401"), run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                    "-u", "me:t0ken-of-another-test", url));

            Result ls = run("nfs-ls", "nfs://127.0.0.1/go?version=3&nfsport=" + nfsPort + "&mountport=" + nfsPort);
            assertNotEquals(0, ls.status());
            assertTrue(ls.output().contains("MNT3ERR_ACCES"), ls.output());
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
    }

    @Test
    void webDavOverHttpsFromAConfiguredKeyStore() throws Exception {
        Path db = Files.writeString(tmp.resolve("x.db"), "");
        Files.createDirectories(tmp.resolve("tls"));
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Result made = run(keytool, "-genkeypair", "-alias", "mache", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", tmp.resolve("tls/mache.p12").toString(), "-storepass", "pass-word", "-keypass",
                "pass-word");
        assertEquals(0, made.status(), made.output());
        Result cert = run(keytool, "-exportcert", "-rfc", "-alias", "mache", "-keystore",
                tmp.resolve("tls/mache.p12").toString(), "-storepass", "pass-word", "-file",
                tmp.resolve("tls/mache.pem").toString());
        assertEquals(0, cert.status(), cert.output());
        Files.writeString(tmp.resolve("tls/password"), "pass-word\n");
        Files.writeString(tmp.resolve("tls/token"), "tls-token\n");
        // paths relative to the file's directory
        Path conf = Files.writeString(tmp.resolve("tls/mache.conf"), """
                nfs = false
                dav.allow = 127.0.0.1
                dav.token-file = token
                dav.tls.keystore = mache.p12
                dav.tls.password-file = password
                """);
        ServeRun serve = ServeRun.start(fixtureStore(), "serve", "--db", db.toString(), "--config", conf.toString());
        try {
            String out = serve.out().text();
            String url = group(out, "WebDAV: (https://127\\.0\\.0\\.1:\\d+/)\n");
            assertTrue(out.contains("  WebDAV listens on " + url + "; clients: 127.0.0.1/32, with the token\n"), out);
            String pem = tmp.resolve("tls/mache.pem").toString();
            // the certificate checked for real (no -k)
            assertEquals(new Result(0, "401"), run("curl", "-sS", "--cacert", pem, "-o", "/dev/null", "-w",
                    "%{http_code}", url));
            assertEquals(new Result(0, "class Main {}\n200"), run("curl", "-sS", "--cacert", pem, "-w",
                    "%{http_code}", "-H", "Authorization: Bearer tls-token", url + "files/src/Main.java"));
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
    }

    @Test
    void nfsFromAnAllowedNetworkIsServed() throws Exception {
        Path db = Files.writeString(tmp.resolve("x.db"), "");
        ServeRun serve = ServeRun.start(fixtureStore(), "serve", "--db", db.toString(), "--nfs-allow", "127.0.0.0/8",
                "--no-dav");
        try {
            String out = serve.out().text();
            String nfsPort = group(out, "nfsport=(\\d+)");
            assertTrue(out.contains("  NFS listens on 127.0.0.1:" + nfsPort + "; clients: 127.0.0.0/8\n"), out);
            Result ls = run("nfs-ls", "nfs://127.0.0.1/go?version=3&nfsport=" + nfsPort + "&mountport=" + nfsPort);
            assertEquals(0, ls.status(), ls.output());
            assertTrue(ls.output().matches("dr-xr-xr-x +2 +\\d+ +\\d+ +0 internal\\.graph\n"), ls.output());
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
    }
}
