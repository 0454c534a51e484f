package dev.mache.graph.lang;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The supported languages, and which one claims a file. A file is claimed by its extension (lower-cased):
 * {@code .h} goes to C, whose spec parses it with the C++ grammar and reports it as {@code cpp} when its text
 * shows C++ (see {@link CRules}).
 */
public final class Languages {

    private static final List<LanguageSpec> ALL = List.of(
            new QueryLanguage(new JavaRules()),
            new QueryLanguage(new GoRules()),
            new QueryLanguage(new PythonRules()),
            new QueryLanguage(new JavaScriptRules()),
            new QueryLanguage(new TypeScriptRules()),
            new QueryLanguage(new RustRules()),
            new QueryLanguage(new CRules()),
            new QueryLanguage(new CppRules()),
            new QueryLanguage(new CSharpRules()),
            new QueryLanguage(new RubyRules()),
            new QueryLanguage(new KotlinRules()));

    private static final Map<String, LanguageSpec> BY_EXTENSION = new HashMap<>();

    static {
        for (LanguageSpec spec : ALL) {
            for (String ext : spec.extensions()) {
                if (BY_EXTENSION.putIfAbsent(ext, spec) != null) throw new IllegalStateException("extension ." + ext + " claimed twice");
            }
        }
    }

    private Languages() {
    }

    /** Every supported language, one spec per language directory. */
    public static List<LanguageSpec> all() {
        return ALL;
    }

    /** The language of a repository path, by its extension. */
    public static Optional<LanguageSpec> forPath(String repoPath) {
        int slash = repoPath.lastIndexOf('/');
        int dot = repoPath.lastIndexOf('.');
        if (dot <= slash + 1) return Optional.empty();  // no extension, or a dot file like .gitignore
        return Optional.ofNullable(BY_EXTENSION.get(repoPath.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /** The spec for a language directory name ({@code java}, {@code typescript}). */
    public static Optional<LanguageSpec> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
