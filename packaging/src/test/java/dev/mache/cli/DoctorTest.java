package dev.mache.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** {@code mache doctor} on a healthy setup and on broken ones (port taken, natives missing, bad config). */
class DoctorTest {
    @TempDir
    Path tmp;

    private record Run(int status, List<String> lines, String err) {
        String line(String check) {
            return lines.stream().filter(l -> l.substring(6).startsWith(check + ": ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + check + " in " + lines));
        }
    }

    private static Run doctor(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "doctor";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(all, new Cli(new SqliteStore(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false));
        return new Run(status, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8));
    }

    /** An indexed store of one Java file, and a private socket directory. */
    private Path indexedStore() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/demo"));
        Files.writeString(src.resolve("A.java"), "package demo;\nclass A {\n    void run() { }\n}\n");
        Path db = tmp.resolve("a.db");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"index", tmp.resolve("src").toString(), "--db", db.toString()},
                new Cli(new SqliteStore(), new PrintStream(sink), new PrintStream(sink), false)));
        return db;
    }

    private Path privateSocketDir() throws Exception {
        return Files.createDirectories(tmp.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
    }

    @Test
    void aHealthySetupIsAllOk() throws Exception {
        Path db = indexedStore();
        Path run = privateSocketDir();
        Path conf = Files.writeString(tmp.resolve("mache.conf"), "db = a.db\nbind = 127.0.0.1\n");
        Run r = doctor("--config", conf.toString(), "--socket", run.resolve("d.sock").toString());
        assertEquals(0, r.status(), String.join("\n", r.lines()) + r.err());
        String user = System.getProperty("user.name");
        assertEquals(11, r.lines().size(), String.join("\n", r.lines()));
        assertTrue(r.lines().get(0).matches("ok    java: Java 2[5-9][^ ]* \\(.+\\) at /.+"), r.lines().get(0));
        assertEquals("ok    native access: enabled", r.lines().get(1));
        assertTrue(r.lines().get(2).matches("ok    tree-sitter: compiled gcc -O2, profile-guided core \\(tree-sitter 0\\.25\\.0\\), /.+/"
                + "libtree-sitter\\.so"), r.lines().get(2));
        assertEquals("ok    grammars: 12 of 12 load: java (ABI 14), go (ABI 15), python (ABI 15), javascript (ABI 15), "
                + "typescript (ABI 14), tsx (ABI 14), rust (ABI 15), c (ABI 15), cpp (ABI 14), c_sharp (ABI 15), "
                + "ruby (ABI 14), kotlin (ABI 14)", r.lines().get(3));
        assertEquals("ok    bind: 127.0.0.1 (loopback: this machine only)", r.lines().get(4));
        assertEquals("ok    nfs port: 127.0.0.1, any free port (0)", r.lines().get(5));
        assertEquals("ok    dav port: 127.0.0.1, any free port (0)", r.lines().get(6));
        assertEquals("ok    socket directory: " + run + " (rwx------, owner " + user + ")", r.lines().get(7));
        assertEquals("ok    store: " + db + ": schema " + dev.mache.graph.store.StoreSchema.SCHEMA_VERSION + ", generation 1, 1 files, 2 constructs, 0 references, "
                + "journal wal", r.lines().get(8));
        assertEquals("ok    config: " + conf + " (2 settings)", r.lines().get(9));
        assertEquals("mache doctor: healthy", r.lines().get(10));
    }

    @Test
    void aTakenPortAndMissingNativesFail() throws Exception {
        Path db = indexedStore();
        Path run = privateSocketDir();
        Path empty = Files.createDirectories(tmp.resolve("no-natives"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            System.setProperty(DoctorCommand.NATIVES_PATH_PROPERTY, empty.toString());
            Run r;
            try {
                r = doctor("--db", db.toString(), "--nfs-port", Integer.toString(port), "--socket",
                        run.resolve("d.sock").toString());
            } finally {
                System.clearProperty(DoctorCommand.NATIVES_PATH_PROPERTY);
            }
            assertEquals(1, r.status(), String.join("\n", r.lines()));
            assertEquals("FAIL  tree-sitter: cannot load the core library: no tree-sitter core library for this "
                    + "platform on the classpath (looked for natives/linux-x86_64/libtree-sitter.so, "
                    + "lib/x86_64-linux-gnu-tree-sitter.so); mache.natives=auto; reinstall mache (its jar bundles the "
                    + "natives) or rebuild with gcc and npm", r.line("tree-sitter"));
            assertTrue(r.line("grammars").startsWith("FAIL  grammars: 0 of 12 load; missing or broken: java, go, "
                    + "python, javascript, typescript, tsx, rust, c, cpp, c_sharp, ruby, kotlin (the native library of "
                    + "tree-sitter grammar 'java' is missing"), r.line("grammars"));
            assertEquals("FAIL  nfs port: 127.0.0.1:" + port + " is in use: stop what listens there or choose another "
                    + "--nfs-port (nfs.port)", r.line("nfs port"));
            assertEquals("ok    dav port: 127.0.0.1, any free port (0)", r.line("dav port"));
            assertEquals("mache doctor: 3 problems to fix (FAIL above)", r.lines().getLast());
        }
    }

    @Test
    void aBadConfigABadBindAndAMissingStoreFail() throws Exception {
        Path run = privateSocketDir();
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = Files.writeString(tmp.resolve("bad.conf"), "db = a.db\nnfs.port = lots\n");
        Run r = doctor("--config", conf.toString(), "--bind", "0.0.0.0", "--db", tmp.resolve("none.db").toString(),
                "--socket", run.resolve("d.sock").toString());
        assertEquals(1, r.status());
        assertEquals("FAIL  config: " + conf + ":2: nfs.port: 'lots' is not a port number (0-65535)",
                r.line("config"));
        assertEquals("FAIL  bind: refusing to listen on 0.0.0.0 (every address of this machine) without access "
                + "control: add --nfs-allow CIDR and --dav-allow CIDR and --dav-token-file FILE (or --dav-token TOKEN), "
                + "or --no-nfs / --no-dav; or bind 127.0.0.1", r.line("bind"));
        assertEquals("FAIL  store: " + tmp.resolve("none.db") + " does not exist: run `mache index DIR --db "
                + tmp.resolve("none.db") + "`", r.line("store"));
        assertEquals("warn  socket directory: " + run + " has mode rwxr-xr-x (owner " + System.getProperty("user.name")
                + "): the daemon needs rwx------; run chmod 700 " + run, r.line("socket directory"));
        assertEquals("mache doctor: 3 problems to fix (FAIL above)", r.lines().getLast());
    }
}
