package dev.mache.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** `mache materialize` writes the same tree `mache tree` shows, with working relative symlinks. */
class MaterializeTest {
    @TempDir
    Path tmp;
    String out;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int status = Main.run(args, new Cli(new SqliteStore(), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false));
        out = o.toString(StandardCharsets.UTF_8);
        return status;
    }

    @Test
    void writesTheTreeAsNfsServesIt() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/demo"));
        Files.writeString(src.resolve("Greeter.java"), RealStoreTest.GREETER);
        String db = tmp.resolve("g.db").toString();
        assertEquals(0, run("index", tmp.resolve("src").toString(), "--db", db, "--threads", "1"));
        assertEquals(0, run("tree", "--db", db, "/"));
        String summary = out.lines().reduce((a, b) -> b).orElseThrow();   // "N directories, M files"

        Path outDir = tmp.resolve("out");
        assertEquals(0, run("materialize", outDir.toString(), "--db", db));
        List<Path> all;
        try (Stream<Path> walk = Files.walk(outDir)) {
            all = walk.filter(p -> !p.equals(outDir)).toList();
        }
        long dirs = all.stream().filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).count();
        long nonDirs = all.size() - dirs;
        assertEquals(summary, dirs + " directories, " + nonDirs + " files");

        Path greet = outDir.resolve("java/demo/classes/Greeter/methods/greet(String)");
        assertEquals(0, run("cat", "--db", db, "/java/demo/classes/Greeter/methods/greet(String)/source"));
        assertEquals(out, Files.readString(greet.resolve("source")));
        Path caller = greet.resolve("callers/demo.Greeter.greetAll(List<String>)");
        assertTrue(Files.isSymbolicLink(caller));
        assertEquals("../../greetAll(List<String>)/source", Files.readSymbolicLink(caller).toString());
        assertEquals(Files.readString(outDir.resolve("java/demo/classes/Greeter/methods/greetAll(List<String>)/source")),
                Files.readString(caller));   // the relative link resolves inside the materialized tree

        assertEquals(1, run("materialize", outDir.toString(), "--db", db));   // refuses a non-empty directory
    }
}
