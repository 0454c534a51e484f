package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks each fixture repository against its EXPECTED.md: every named construct exists under its qualified display
 * name, each listed caller references the construct's token, and the construct references each listed callee's
 * token. (Which definition a reference resolves to is the indexer's business; its end-to-end tests assert that.)
 */
class FixturesTest {

    record Def(String qualified, Construct construct, ParsedFile file) {
    }

    static Path fixture(String lang) throws URISyntaxException {
        return Path.of(FixturesTest.class.getResource("/fixtures/" + lang + "/EXPECTED.md").toURI()).getParent();
    }

    /** Parses a fixture's code files (skipping the directories its .gitignore names) into qualified definitions. */
    static Map<String, List<Def>> parse(Path root, List<String> problems) throws IOException {
        List<String> ignored = Files.readAllLines(root.resolve(".gitignore")).stream().filter(l -> !l.isBlank()).toList();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, List<Def>> defs = new LinkedHashMap<>();
        for (Path p : files) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (ignored.stream().anyMatch(i -> rel.startsWith(i))) continue;
            var spec = Languages.forPath(rel);
            if (spec.isEmpty()) continue;
            ParsedFile f = spec.get().parse(new SourceFile(rel, Files.readAllBytes(p),
                    x -> Files.exists(root.resolve(x))));
            f.problems().forEach(pr -> problems.add(rel + ": " + pr));
            List<String> names = new ArrayList<>();
            for (Construct c : f.constructs()) {
                String parent = c.parent() < 0 ? f.namespace() : names.get(c.parent());
                names.add(parent + "." + c.name());
            }
            for (int i = 0; i < names.size(); i++) {
                Construct c = f.constructs().get(i);
                // duplicates within one directory (same parent path and group) get ~2, ~3… in (path, offset) order
                String key = c.group() + "\u0000" + names.get(i);
                String base = names.get(i);
                int n = 1;
                while (defs.containsKey(key + (n == 1 ? "" : "~" + n))) n++;
                String q = n == 1 ? base : base + "~" + n;
                defs.put(key + (n == 1 ? "" : "~" + n), List.of());
                defs.computeIfAbsent(q, k -> new ArrayList<>()).add(new Def(q, c, f));
            }
        }
        defs.keySet().removeIf(k -> k.indexOf('\u0000') >= 0);
        return defs;
    }

    /** EXPECTED.md: "## name" sections with "callers:" and "callees:" lists. */
    static Map<String, Map<String, List<String>>> expected(Path root) throws IOException {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        String section = null, list = null;
        for (String line : Files.readAllLines(root.resolve("EXPECTED.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                section = line.substring(3).strip();
                out.put(section, new HashMap<>(Map.of("callers", new ArrayList<>(), "callees", new ArrayList<>())));
            } else if (section != null && (line.equals("callers:") || line.equals("callees:"))) {
                list = line.substring(0, 7);
            } else if (section != null && list != null && line.startsWith("- ")) {
                out.get(section).get(list).add(line.substring(2).strip());
            }
        }
        return out;
    }

    private static boolean references(Def from, String token) {
        int index = from.file().constructs().indexOf(from.construct());
        for (Reference r : from.file().references()) {
            if (r.token().equals(token) && r.kind() != Reference.RefKind.TYPE && within(from.file(), r.construct(), index)) return true;
        }
        return false;
    }

    /** A reference counts for a construct when its innermost construct is it or nested in it (a lambda's body). */
    private static boolean within(ParsedFile f, int c, int target) {
        for (int i = c; i >= 0; i = f.constructs().get(i).parent()) if (i == target) return true;
        return false;
    }

    private static Def one(Map<String, List<Def>> defs, String name) {
        List<Def> found = defs.get(name);
        if (found == null) fail("no construct " + name + "; have " + defs.keySet());
        return found.getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "go", "python", "javascript", "typescript", "rust", "c", "cpp", "csharp", "ruby", "kotlin"})
    void expectedCallGraphIsConsistentWithTheExtraction(String lang) throws Exception {
        Path root = fixture(lang);
        List<String> problems = new ArrayList<>();
        Map<String, List<Def>> defs = parse(root, problems);
        assertEquals(lang.equals("java") ? List.of("src/main/java/shapes/Broken.java: syntax errors at lines 8") : List.of(), problems);
        assertTrue(Files.exists(root.resolve("README.md")));
        assertFalse(defs.isEmpty());
        Map<String, Map<String, List<String>>> expected = expected(root);
        assertTrue(expected.size() >= 2, "EXPECTED.md lists at least two constructs");
        for (var e : expected.entrySet()) {
            Def target = one(defs, e.getKey());
            for (String caller : e.getValue().get("callers")) {
                assertTrue(references(one(defs, caller), target.construct().token()),
                        caller + " should reference " + target.construct().token() + " (caller of " + e.getKey() + ")");
            }
            for (String callee : e.getValue().get("callees")) {
                String token = one(defs, callee).construct().token();
                assertTrue(references(target, token), e.getKey() + " should reference " + token + " (callee " + callee + ")");
            }
        }
    }
}
