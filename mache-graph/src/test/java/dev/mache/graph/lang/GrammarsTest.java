package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;

class GrammarsTest {

    static List<String> grammars() {
        return Grammars.NAMES;
    }

    @Test
    void everyGrammarHasASnippet() {
        assertEquals(Grammars.NAMES, List.copyOf(GrammarSnippets.ALL.keySet()));
    }

    @Test
    void allTwelveGrammarsAreAvailable() {
        assertEquals(Grammars.NAMES, List.copyOf(Grammars.available()));
    }

    @ParameterizedTest
    @MethodSource("grammars")
    void grammarLoadsAndParsesItsLanguageWithoutErrors(String grammar) {
        GrammarSnippets.Snippet snippet = GrammarSnippets.ALL.get(grammar);
        Language language = Grammars.language(grammar);
        try (Parser parser = new Parser(language); Tree tree = parser.parse(snippet.source()).orElseThrow()) {
            Node root = tree.getRootNode();
            assertEquals(snippet.rootType(), root.getType(), grammar);
            assertFalse(root.hasError(), () -> grammar + " parse has errors: " + root.toSexp());
            assertEquals(snippet.source().length(), root.getEndByte(), grammar);
        }
    }

    @ParameterizedTest
    @MethodSource("grammars")
    void abiVersionIsWithinTheCoresSupportedRange(String grammar) {
        int abi = Grammars.language(grammar).getAbiVersion();
        assertTrue(abi >= Language.MIN_COMPATIBLE_LANGUAGE_VERSION && abi <= Language.LANGUAGE_VERSION,
                () -> grammar + " has ABI " + abi + ", outside [" + Language.MIN_COMPATIBLE_LANGUAGE_VERSION + ", "
                        + Language.LANGUAGE_VERSION + "]");
    }

    @Test
    void languagesAreCachedPerGrammar() {
        assertSame(Grammars.language("go"), Grammars.language("go"));
    }

    @Test
    void unknownGrammarIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Grammars.language("cobol"));
        assertEquals("unknown tree-sitter grammar 'cobol'; mache knows " + Grammars.NAMES, e.getMessage());
    }

    @Test
    void bonedeFallbackWorksWhenForced(@TempDir Path temp) throws Exception {
        Path cache = temp.resolve("cache");
        List<String> lines = probe(cache, "-Dmache.natives=bonede");
        assertTrue(lines.getFirst().startsWith("source bonede prebuilt 0.26.6 "), lines.getFirst());
        assertProbeParsedEverything(lines);
        // extracted into the private cache: one directory per content hash
        try (var dirs = Files.list(cache)) {
            assertEquals(13, dirs.count());
        }
    }

    static void assertProbeParsedEverything(List<String> lines) {
        List<String> expected = new ArrayList<>();
        GrammarSnippets.ALL.forEach((name, snippet) -> expected.add(name + " " + snippet.rootType() + " false"));
        assertEquals(expected, lines.subList(1, lines.size()));
    }

    /** Runs {@link NativesProbe} in a child JVM with the given extra options; returns its stdout lines. */
    static List<String> probe(Path cache, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Dmache.natives.dir=" + cache,
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(options));
        command.add(NativesProbe.class.getName());
        Path stderr = Files.createTempFile("natives-probe", ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        String err = Files.readString(stderr);
        Files.delete(stderr);
        assertEquals(0, process.exitValue(), () -> "probe failed:\n" + out + err);
        return out.lines().toList();
    }
}
