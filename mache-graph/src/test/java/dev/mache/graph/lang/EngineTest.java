package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mache.graph.lang.Reference.RefKind;
import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;
import java.lang.foreign.Arena;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Byte ranges, doc comments, enclosing constructs and bad input, independent of one language's rules. */
class EngineTest {

    @Test
    void sourceStartsAtTheDocCommentAndAnnotationsButNotAcrossABlankLine() {
        String code = """
                package p;

                // not attached: a blank line follows

                /** Doc. */
                @Deprecated
                class A {
                    int x; // trailing, not the next field's doc
                    int y;
                }
                """;
        ParsedFile f = Dump.parse("p/A.java", code);
        assertEquals("/** Doc. */\n@Deprecated\nclass A {", Dump.source(f, code, 0).lines().limit(3).reduce((a, b) -> a + "\n" + b).orElseThrow());
        Construct a = f.constructs().get(0);
        assertEquals(code.indexOf("/** Doc"), a.startByte());
        assertEquals(code.lastIndexOf('}') + 1, a.endByte());
        assertEquals(5, a.startLine());
        assertEquals(10, a.endLine());
        assertEquals("int y;", Dump.source(f, code, 2));
    }

    /**
     * A parsed tree lives in a confined arena (closing jtreesitter's shared one handshakes with every thread, once
     * per file): this fails if a jtreesitter upgrade makes the re-homing fall back to the shared arena.
     */
    @Test
    void parsedTreesAreConfinedToTheParsingThread() throws Exception {
        assertTrue(RawQuery.AVAILABLE);
        Language java = Grammars.language("java");
        try (Parser parser = new Parser(java);
             Tree tree = RawQuery.parse(parser, java,
                     new SourceText("class A { void m() { go(); } }".getBytes(StandardCharsets.UTF_8)))
                     .orElseThrow()) {
            assertEquals("program", tree.getRootNode().getType());
            Field arena = tree.getClass().getDeclaredField("arena");
            arena.setAccessible(true);
            Arena a = (Arena) arena.get(tree);
            var other = new AtomicReference<Throwable>();
            Thread t = new Thread(() -> {
                try {
                    a.allocate(8);
                } catch (Throwable e) {
                    other.set(e);
                }
            });
            t.start();
            t.join();
            // a confined arena refuses every thread but its owner
            assertTrue(other.get() instanceof WrongThreadException, "another thread used the tree's arena: " + other.get());
            assertEquals(8, a.allocate(8).byteSize());
        }
    }

    @Test
    void byteOffsetsCountUtf8Bytes() {
        String code = "class Ä { void größe() { run(); } }\n";
        ParsedFile f = Dump.parse("Ä.java", code);
        byte[] b = code.getBytes(StandardCharsets.UTF_8);
        Construct m = f.constructs().get(1);
        assertEquals("größe()", m.name());
        assertEquals("void größe() { run(); }", new String(b, m.startByte(), m.endByte() - m.startByte(), StandardCharsets.UTF_8));
        Reference run = f.references().getFirst();
        assertEquals(new Reference("run", 1, code.replace("run", "\0").getBytes(StandardCharsets.UTF_8).length
                - code.substring(code.indexOf("run")).replaceFirst("run", "\0").getBytes(StandardCharsets.UTF_8).length,
                RefKind.CALL, Optional.empty(), 0), run);
    }

    @Test
    void invalidUtf8KeepsTheFilesByteOffsets() {
        byte[] head = "class A {\n  // \u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\n  void m() { go(); }\n}\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, content, 0, head.length);
        content[head.length] = (byte) 0xFF;     // never valid in UTF-8
        content[head.length + 1] = (byte) 0xC3; // a lead byte without its continuation
        System.arraycopy(tail, 0, content, head.length + 2, tail.length);
        ParsedFile f = Languages.forPath("A.java").orElseThrow().parse(new SourceFile("A.java", content, p -> false));
        Construct m = f.constructs().get(1);
        assertEquals("m()", m.name());
        assertEquals(12, m.startByte());  // the comment above, with its bad bytes, is the method's doc
        assertEquals(content.length - 3, m.endByte());
        assertEquals("void m() { go(); }", new String(content, m.endByte() - 18, 18, StandardCharsets.UTF_8));
        assertEquals(content.length - 3 - 18 + 11, f.references().getFirst().startByte());
        assertEquals(List.of("invalid UTF-8 bytes (read as '?')"), f.problems());
    }

    @Test
    void referencesOutsideAnyConstructHaveNoEnclosingConstruct() {
        ParsedFile f = Dump.parse("main.py", "setup()\ndef f():\n    g()\n");
        assertEquals("call setup in -\ncall g in f\n", Dump.references(f));
        assertEquals(-1, f.references().get(0).construct());
        assertEquals(0, f.references().get(1).construct());
    }

    @Test
    void recursionIsAReferenceToItself() {
        ParsedFile f = Dump.parse("f.go", "package m\nfunc fact(n int) int { return n * fact(n-1) }\n");
        assertEquals("type int in fact\ntype int in fact\ncall fact in fact\n", Dump.references(f));
    }

    @Test
    void emptyAndGarbageFilesDoNotThrow() {
        for (LanguageSpec spec : Languages.all()) {
            String path = "x." + spec.extensions().getFirst();
            ParsedFile empty = spec.parse(new SourceFile(path, new byte[0], p -> false));
            assertEquals(List.of(), empty.constructs(), spec.name());
            assertEquals("", empty.context(), spec.name());
            ParsedFile garbage = spec.parse(new SourceFile(path, "}}}{{{ ))) ((( \0\0 <<<".getBytes(StandardCharsets.UTF_8), p -> false));
            assertTrue(garbage.problems().getFirst().startsWith("syntax errors at lines 1"), spec.name() + " " + garbage.problems());
        }
    }
}
