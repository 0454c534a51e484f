package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mache.graph.lang.natives.NativeLibraries;
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
        assertProbeParsedEverything(lines, cache);
        // extracted into the private cache: one directory per content hash
        try (var dirs = Files.list(cache)) {
            assertEquals(13, dirs.count());
        }
    }

    @Test
    void compiledNativesAreUsedWhenGccAndNpmArePresent() throws IOException {
        String status = buildStatus();
        assumeTrue(onPath("gcc") && onPath("npm"),
                "gcc or npm is not installed: natives/build.sh fell back to bonede's natives (" + status + ")");
        assumeFalse(status.contains("MACHE_NATIVES_SKIP"), "built with -Dmache.natives.skip=true");
        // the core is profile-guided unless built with MACHE_NATIVES_PGO=0 (then build.sh's status says so)
        boolean pgo = !status.contains("MACHE_NATIVES_PGO=0");
        assertEquals(pgo ? "compiled gcc -O2, profile-guided core (tree-sitter 0.25.0)" : "compiled gcc -O2 (tree-sitter 0.25.0)",
                Grammars.nativesSource(), "build.sh said: " + status);
        String training = NativeLibraries.get().compiledInfo().getProperty("core.pgo");
        assertTrue(pgo ? training.matches("trained on \\d+ Java files of mache's sources with the java grammar")
                : training.equals("none: MACHE_NATIVES_PGO=0"), training);
    }

    @Test
    void compiledGrammarsHaveTheAbiRecordedAtBuildTimeWithinTheCompiledCoresRange() {
        Properties info = NativeLibraries.get().compiledInfo();
        assumeFalse(info.isEmpty(), "no compiled natives in this build: " + buildStatus());
        int min = Integer.parseInt(info.getProperty("min-compatible-language-version"));
        int max = Integer.parseInt(info.getProperty("language-version"));
        assertEquals(13, min);
        assertEquals(15, max);
        for (String grammar : Grammars.NAMES) {
            int abi = Grammars.language(grammar).getAbiVersion();
            assertEquals(info.getProperty("grammar." + grammar + ".abi"), Integer.toString(abi), grammar);
            assertTrue(abi >= min && abi <= max, grammar + " ABI " + abi);
        }
    }

    @Test
    void forcedCompiledNativesAreExtractedOnceAndReused(@TempDir Path temp) throws Exception {
        assumeFalse(NativeLibraries.get().compiledInfo().isEmpty(), "no compiled natives in this build: " + buildStatus());
        Path cache = temp.resolve("cache");
        List<String> first = probe(cache, "-Dmache.natives=compiled");
        assertTrue(first.getFirst().startsWith("source compiled gcc -O2"), first.getFirst());
        assertTrue(first.getFirst().startsWith("source " + Grammars.nativesSource()), first.getFirst());
        assertProbeParsedEverything(first, cache);
        Map<Path, FileTime> written = modificationTimes(cache);
        assertEquals(13, written.size());
        List<String> second = probe(cache, "-Dmache.natives=compiled");
        assertEquals(first, second);
        assertEquals(written, modificationTimes(cache));
    }

    private static Map<Path, FileTime> modificationTimes(Path dir) throws IOException {
        Map<Path, FileTime> times = new TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                times.put(file, Files.getLastModifiedTime(file));
            }
        }
        return times;
    }

    /** The probe parsed every snippet cleanly and mapped the core and all grammars from the cache only. */
    static void assertProbeParsedEverything(List<String> lines, Path cache) {
        List<String> parsed = lines.stream().filter(l -> !l.startsWith("source ") && !l.startsWith("mapped ")).toList();
        List<String> expected = new ArrayList<>();
        GrammarSnippets.ALL.forEach((name, snippet) -> expected.add(name + " " + snippet.rootType() + " false"));
        assertEquals(expected, parsed);
        List<String> mapped = lines.stream().filter(l -> l.startsWith("mapped ")).map(l -> l.substring(7)).toList();
        assertEquals(13, mapped.size(), mapped::toString);
        for (String path : mapped) {
            assertTrue(path.startsWith(cache.toString() + "/"), () -> path + " is not from " + cache);
        }
    }

    private static String buildStatus() {
        try {
            String file = System.getProperty("mache.natives.status");
            return file == null ? "(status unknown)" : Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "(no status: " + e + ")";
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
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
