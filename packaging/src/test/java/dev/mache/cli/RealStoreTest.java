package dev.mache.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** index, then ls/cat/stat/tree, through the real SQLite store and the real Java language. */
class RealStoreTest {
    static final String GREETER = """
            package demo;

            import java.util.List;

            public class Greeter {
                /** Says hello. */
                public String greet(String name) {
                    return "hello " + name;
                }

                public List<String> greetAll(List<String> names) {
                    return names.stream().map(this::greet).map(s -> greet(s)).toList();
                }
            }
            """;

    @TempDir
    Path tmp;
    String out;
    String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = Main.run(args, new Cli(new SqliteStore(), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), false));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return status;
    }

    @Test
    void indexThenRead() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/demo"));
        Files.writeString(src.resolve("Greeter.java"), GREETER);
        String db = tmp.resolve("g.db").toString();
        assertEquals(0, run("index", tmp.resolve("src").toString(), "--db", db, "--threads", "1"));
        assertTrue(out.matches("1 files \\(1 parsed, 0 unchanged, 0 deleted, 0 skipped\\), 3 constructs, \\d+ "
                + "references in \\d+\\.\\d s -> " + java.util.regex.Pattern.quote(db) + "\n"), out);
        assertEquals("", err);

        assertEquals(0, run("ls", "--db", db, "/"));
        assertEquals("README.txt\ncallees\ncallers\ndefs\nfiles\njava\n", out);
        assertEquals(0, run("ls", "--db", db, "/java/demo/classes/Greeter/methods"));
        assertEquals("greet(String)\ngreetAll(List<String>)\n", out);
        assertEquals(0, run("cat", "--db", db, "/files/demo/Greeter.java"));
        assertEquals(GREETER, out);
        assertEquals(0, run("cat", "--db", db, "/java/demo/classes/Greeter/methods/greet(String)/source"));
        assertEquals("""
                /** Says hello. */
                    public String greet(String name) {
                        return "hello " + name;
                    }""", out);
        assertEquals(0, run("ls", "--db", db, "/java/demo/classes/Greeter/methods/greet(String)/callers"));
        assertEquals("demo.Greeter.greetAll(List<String>)\n", out);
        assertEquals(0, run("cat", "--db", db,
                "/java/demo/classes/Greeter/methods/greet(String)/callers/demo.Greeter.greetAll(List<String>)"));
        assertTrue(out.startsWith("public List<String> greetAll(List<String> names) {"), out);
        assertEquals(0, run("ls", "--db", db, "/defs"));
        assertEquals("Greeter\ngreet\ngreetAll\n", out);

        // incremental: nothing changed, nothing parsed
        assertEquals(0, run("index", tmp.resolve("src").toString(), "--db", db));
        assertTrue(out.startsWith("1 files (0 parsed, 1 unchanged, 0 deleted, 0 skipped), 3 constructs, "), out);
    }
}
