package dev.mache.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The configuration file: what it sets, that flags override it, and its errors with file and line. */
class ConfigTest {
    @TempDir
    Path tmp;

    private Path conf(String text) throws Exception {
        return Files.writeString(tmp.resolve("mache.conf"), text);
    }

    /** Parses a serve command line the way Main does, with the configuration file found in it. */
    private ServeCommand parseServe(String... args) {
        Cli cli = new Cli(null, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
                false);
        ServeCommand serve = new ServeCommand(cli);
        CommandLine cmd = new CommandLine(serve);
        cmd.setDefaultValueProvider(ConfigDefaults.locate(args, 0, Map.of(), tmp.resolve("home")));
        cmd.parseArgs(args);
        return serve;
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new Cli(new SqliteStore(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFileSetsWhatTheFlagsDoNotAndFlagsWin() throws Exception {
        Path c = conf("""
                # mache serve, as the systemd unit runs it
                source = src
                db     = /var/lib/mache/x.db
                bind = 127.0.0.2
                nfs.port = 2049
                dav.port=8080
                dav = false
                watch = no
                threads = 3
                max-file-size = 1048576
                nfs.allow = 10.0.0.0/8, 192.168.1.0/24
                log.level = debug
                """);
        ServeCommand fromFile = parseServe("--config", c.toString());
        assertEquals(List.of(tmp.resolve("src")), fromFile.dirs);
        assertEquals(Path.of("/var/lib/mache/x.db"), fromFile.db);
        assertEquals("127.0.0.2", fromFile.bind);
        assertEquals(2049, fromFile.nfsPort);
        assertEquals(8080, fromFile.webdavPort);
        assertTrue(fromFile.noWebdav);
        assertFalse(fromFile.noNfs);
        assertTrue(fromFile.watching.noWatch);
        assertEquals(3, fromFile.indexOptions.threads);
        assertEquals(1_048_576L, fromFile.indexOptions.maxFileBytes);
        assertEquals("10.0.0.0/8,192.168.1.0/24", fromFile.exposureOptions.nfsAllow);
        assertEquals(dev.mache.cli.log.LogLevel.DEBUG, fromFile.logging.level);

        ServeCommand flags = parseServe("--config=" + c, "other", "--db", "y.db", "--bind", "127.0.0.1",
                "--nfs-port", "0", "--dav", "--watch", "--threads", "1", "--nfs-allow", "127.0.0.0/8", "--log-level", "warn");
        assertEquals(List.of(Path.of("other")), flags.dirs);
        assertEquals(Path.of("y.db"), flags.db);
        assertEquals("127.0.0.1", flags.bind);
        assertEquals(0, flags.nfsPort);
        assertEquals(8080, flags.webdavPort); // not given: the file's
        assertFalse(flags.noWebdav);
        assertFalse(flags.watching.noWatch);
        assertEquals(1, flags.indexOptions.threads);
        assertEquals("127.0.0.0/8", flags.exposureOptions.nfsAllow);
        assertEquals(dev.mache.cli.log.LogLevel.WARN, flags.logging.level);

        ServeCommand none = parseServe();
        assertEquals(List.of(), none.dirs);
        assertEquals("127.0.0.1", none.bind);
        assertEquals(0, none.nfsPort);
        assertFalse(none.noWebdav);
        assertNull(none.indexOptions.threads);
    }

    @Test
    void serveTakesEverySourceOfTheFileAndTheDaemonOne() throws Exception {
        Path c = conf("source = a, b c\n");
        assertEquals(List.of(tmp.resolve("a"), tmp.resolve("b"), tmp.resolve("c")),
                parseServe("--config", c.toString()).dirs);
        assertEquals(List.of(Path.of("x,y")), parseServe("--config", c.toString(), "x,y").dirs);
        assertEquals(new Run(1, "", "mache: " + c + ":1: source lists 3 trees; mache daemon takes one\n"),
                run("daemon", "--config", c.toString()));
    }

    @Test
    void theDefaultFileIsReadOnlyWhenPresent() throws Exception {
        Path home = tmp.resolve("home");
        assertEquals(home.resolve(".config/mache/mache.conf"), ConfigDefaults.defaultPath(Map.of(), home));
        assertEquals(Path.of("/x/mache/mache.conf"), ConfigDefaults.defaultPath(Map.of("XDG_CONFIG_HOME", "/x"), home));
        ConfigDefaults absent = ConfigDefaults.locate(new String[] {"serve"}, 1, Map.of(), home);
        assertTrue(absent.file().isEmpty());
        assertTrue(absent.failure().isEmpty());
        assertEquals("none (" + home.resolve(".config/mache/mache.conf") + " does not exist)", absent.location());

        Path xdg = Files.createDirectories(tmp.resolve("xdg/mache"));
        Files.writeString(xdg.resolve("mache.conf"), "nfs.port = 7000\n");
        ConfigDefaults found = ConfigDefaults.locate(new String[] {"serve"}, 1,
                Map.of("XDG_CONFIG_HOME", tmp.resolve("xdg").toString()), home);
        assertEquals(xdg.resolve("mache.conf"), found.file().orElseThrow().path());
        assertEquals("7000", found.file().orElseThrow().get(ConfigKey.NFS_PORT).orElseThrow().value());
    }

    @Test
    void badFilesAreRefusedWithFileAndLine() throws Exception {
        String f = tmp.resolve("mache.conf").toString();
        assertEquals(new Run(1, "", "mache: " + f + ":2: unknown key 'nfs-port' (known keys: source, db, bind, "
                + "nfs.port, dav.port, nfs, dav, watch, poll, threads, max-file-size, log.level, socket, nfs.allow, "
                + "dav.allow, dav.token, dav.token-file, dav.tls.keystore, dav.tls.password, dav.tls.password-file)\n"),
                serveWith("# ports\nnfs-port = 2049\n"));
        assertEquals(new Run(1, "", "mache: " + f + ":3: nfs.port: '70000' is not a port number (0-65535)\n"),
                serveWith("db = x.db\n\nnfs.port = 70000\n"));
        assertEquals(new Run(1, "", "mache: " + f + ":1: dav.port: 'http' is not a port number (0-65535)\n"),
                serveWith("dav.port = http\n"));
        assertEquals(new Run(1, "", "mache: " + f + ":2: bind is already set on line 1\n"),
                serveWith("bind = 127.0.0.1\nbind = 0.0.0.0\n"));
        assertEquals(new Run(1, "", "mache: " + f + ":1: expected key = value, got 'source ~/src'\n"),
                serveWith("source ~/src\n"));
        assertEquals(new Run(1, "", "mache: " + f + ":1: nfs: 'maybe' is not true or false\n"),
                serveWith("nfs = maybe\n"));
        assertEquals(new Run(1, "", "mache: " + f + ":1: threads: '0' must be at least 1\n"),
                serveWith("threads = 0\n"));
        assertEquals(new Run(1, "", "mache: " + f + ":1: nfs.allow: 'lan' is not a CIDR block "
                + "(like 10.0.0.0/8 or fd00::/8)\n"), serveWith("nfs.allow = lan\n"));
        assertEquals(new Run(1, "", "mache: " + f + ":1: log.level: 'loud' is not a log level "
                + "(error, warn, info, debug)\n"), serveWith("log.level = loud\n"));
        assertEquals(new Run(1, "", "mache: " + f + ":2: give dav.token or dav.token-file, not both (dav.token is "
                + "on line 1)\n"), serveWith("dav.token = a\ndav.token-file = t\n"));
        assertEquals(new Run(1, "", "mache: " + f + ":1: db: no value\n"), serveWith("db =\n"));
        assertEquals(new Run(1, "", "mache: " + tmp.resolve("nope.conf") + ": no such configuration file\n"),
                run("serve", "--config", tmp.resolve("nope.conf").toString()));
    }

    private Run serveWith(String text) throws Exception {
        return run("serve", "--config", conf(text).toString());
    }

    @Test
    void theDaemonReadsTheSameFileAndIgnoresTheServersKeys() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/demo"));
        Files.writeString(src.resolve("A.java"), "package demo;\nclass A {}\n");
        Files.createDirectories(tmp.resolve("run"), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        Path c = conf("source = src\ndb = x.db\nsocket = run/d.sock\nwatch = false\nnfs.port = 2049\n"
                + "dav.allow = 10.0.0.0/8\n");
        ServeRun daemon = ServeRun.start(new SqliteStore(), "daemon", "--config", c.toString());
        try {
            String out = daemon.out().text();
            // the daemon listens first, then indexes
            assertTrue(out.startsWith("daemon on " + tmp.resolve("run/d.sock") + " serving " + tmp.resolve("src")
                    + " from " + tmp.resolve("x.db") + "\n"), out);
            assertTrue(out.endsWith("\nCtrl-C stops.\n"), out);
        } finally {
            daemon.stop().countDown();
        }
        assertEquals(0, daemon.stopAndWait());
    }

    @Test
    void serveSaysWhichFileItUsesAndFollowsIt() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/demo"));
        Files.writeString(src.resolve("A.java"), "package demo;\nclass A {}\n");
        Path c = conf("source = src\ndb = x.db\nnfs = off\nwatch = off\n");
        ServeRun serve = ServeRun.start(new SqliteStore(), "serve", "--config", c.toString());
        try {
            String out = serve.out().text();
            assertTrue(out.startsWith("config: " + c + "\nserving " + tmp.resolve("src") + " from "
                    + tmp.resolve("x.db") + "\nWebDAV: http://127.0.0.1:"), out);
            assertFalse(out.contains("NFSv3"), out);
        } finally {
            serve.stop().countDown();
        }
        assertEquals(0, serve.stopAndWait());
    }
}
