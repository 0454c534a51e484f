package dev.mache.cli.golden;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input never stops {@code mache index}, through the CLI with the real languages. mache-graph's
 * IndexerSkipTest covers the walk's skips with a toy language and a small size limit; this adds a real 50 MB file
 * under the default 8 MiB limit, real syntax errors and non-UTF-8 bytes in a real language, and the log lines.
 */
class BadInputTest {

    @Test
    void badFilesAreSkippedOrHandledAndTheRunGoesOn(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path pkg = Files.createDirectories(repo.resolve("src/demo"));
        Files.writeString(pkg.resolve("Broken.java"), """
                package demo;

                class Broken {
                    void fine() {
                        helper();
                    }

                    void broken( {
                    }

                    void helper() {
                    }
                }
                """);
        // Latin-1 bytes in a comment and a string: not UTF-8, indexed byte for byte
        byte[] latin1 = "package demo;\n\n/** Gr\u00f6\u00dfe. */\nclass Latin {\n    String s = \"caf\u00e9\";\n\n    void run() {\n    }\n}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(pkg.resolve("Latin.java"), latin1);
        byte[] binary = "MZ\u0000\u0001binary".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(repo.resolve("tool.bin"), binary);
        try (RandomAccessFile big = new RandomAccessFile(repo.resolve("huge.txt").toFile(), "rw")) {
            big.setLength(50L * 1024 * 1024); // sparse: 50 MB of NUL bytes
        }
        Files.createSymbolicLink(repo.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(repo.resolve("loop2"), Path.of("loop1"));
        Path secret = Files.writeString(repo.resolve("secret.txt"), "top secret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        // root (the CI and this machine run tests as root) reads mode-000 files anyway: then it is indexed
        boolean unreadable = !Files.isReadable(secret);

        Path db = tmp.resolve("store.db");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        Golden.Run run;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // slf4j-simple writes to System.err
            run = Golden.mache("index", repo.toString(), "--db", db.toString(), "--threads", "2");
        } finally {
            System.setErr(saved);
        }
        // the index command logs to its own stderr (run.err()); anything logged around it went to System.err
        String logged = run.err() + log.toString(StandardCharsets.UTF_8);
        String summary = run.ok();
        // skipped: tool.bin (binary), huge.txt (over 8 MiB), loop1, loop2, and secret.txt when it is unreadable
        int skipped = unreadable ? 5 : 4;
        assertTrue(summary.startsWith((unreadable ? 2 : 3) + " files (" + (unreadable ? 2 : 3) + " parsed, 0 unchanged,"
                + " 0 deleted, " + skipped + " skipped)"), summary);
        assertTrue(logged.contains("skipping symlink loop1: it does not resolve (broken or a loop)"), logged);
        assertTrue(logged.contains("skipping symlink loop2: it does not resolve (broken or a loop)"), logged);
        assertTrue(logged.contains("src/demo/Latin.java: not valid UTF-8; indexed byte for byte"), logged);
        if (unreadable) {
            assertTrue(logged.contains("skipping secret.txt: permission denied"), logged);
        }

        assertEquals(unreadable ? List.of("src") : List.of("secret.txt", "src"), Golden.ls(db, "/files"));
        assertEquals(List.of("Broken.java", "Latin.java"), Golden.ls(db, "/files/src/demo"));
        // the syntax error costs broken() its body only: the constructs tree-sitter recovers are all there
        assertEquals(List.of("broken()", "fine()", "helper()"), Golden.ls(db, "/java/demo/classes/Broken/methods"));
        assertEquals(List.of("demo.Broken.helper()"), Golden.ls(db, "/java/demo/classes/Broken/methods/fine()/callees"));
        // non-UTF-8: the constructs are found and their bytes served unchanged
        assertEquals(List.of("fields", "methods"), Golden.ls(db, "/java/demo/classes/Latin").stream()
                .filter(n -> n.equals("fields") || n.equals("methods")).toList());
        assertArrayEquals(latin1, Golden.read(db, "files/src/demo/Latin.java"));
        assertTrue(Golden.mache("stat", "--db", db.toString(), "/files/src/demo/Latin.java").ok()
                .contains("\n  size: " + latin1.length + "\n"));
    }
}
