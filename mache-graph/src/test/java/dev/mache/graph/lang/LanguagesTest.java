package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which language claims which file, and that every language's queries compile for all of its grammars. */
class LanguagesTest {

    private static String lang(String path) {
        return Languages.forPath(path).map(LanguageSpec::name).orElse("-");
    }

    @Test
    void extensionsMapToLanguageDirectories() {
        assertEquals("java", lang("a/B.java"));
        assertEquals("go", lang("x.go"));
        assertEquals("python", lang("x.py"));
        assertEquals("python", lang("x.pyi"));
        for (String e : List.of("js", "mjs", "cjs", "jsx")) assertEquals("javascript", lang("x." + e));
        for (String e : List.of("ts", "mts", "cts", "tsx")) assertEquals("typescript", lang("x." + e));
        assertEquals("rust", lang("src/lib.rs"));
        assertEquals("c", lang("x.c"));
        assertEquals("c", lang("x.h"));
        for (String e : List.of("cc", "cpp", "cxx", "hpp", "hh")) assertEquals("cpp", lang("x." + e));
        assertEquals("csharp", lang("Shape.cs"));
        assertEquals("ruby", lang("lib/a.rb"));
        assertEquals("kotlin", lang("A.kt"));
        assertEquals("kotlin", lang("build.gradle.kts"));
        assertEquals("java", lang("X.JAVA"));
        assertEquals("-", lang("README.md"));
        assertEquals("-", lang(".gitignore"));
        assertEquals("-", lang("Makefile"));
        assertEquals("-", lang("dir.go/file"));
    }

    @Test
    void namesAreUniqueAndLookupsWork() {
        List<String> names = Languages.all().stream().map(LanguageSpec::name).toList();
        assertEquals(names.size(), names.stream().distinct().count());
        assertEquals(Optional.of("rust"), Languages.named("rust").map(LanguageSpec::name));
    }

    @Test
    void everyQueryCompilesForEveryGrammar() {
        for (LanguageSpec spec : Languages.all()) ((QueryLanguage) spec).warmUp();
    }
}
