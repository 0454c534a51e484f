package dev.mache.graph.lang;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.mache.graph.lang.natives.NativeLibraries;
import dev.mache.graph.lang.natives.NativeLibrary;
import io.github.treesitter.jtreesitter.Language;

/**
 * The tree-sitter grammars mache bundles, loaded once per process. Grammar names are tree-sitter's:
 * {@code java, go, python, javascript, typescript, tsx, rust, c, cpp, c_sharp, ruby, kotlin}; the entry point of
 * grammar {@code g} is the C function {@code tree_sitter_g}. Thread-safe.
 */
public final class Grammars {

    /** Every grammar mache knows, in a stable order. */
    public static final List<String> NAMES = List.of(
            "java", "go", "python", "javascript", "typescript", "tsx", "rust", "c", "cpp", "c_sharp", "ruby", "kotlin");

    private static final ConcurrentHashMap<String, Language> LOADED = new ConcurrentHashMap<>();

    private Grammars() {}

    /**
     * The grammar's language, loaded on first use.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     * @throws IllegalStateException when the grammar's native library is not on the classpath
     */
    public static Language language(String grammar) {
        Objects.requireNonNull(grammar, "grammar");
        if (!NAMES.contains(grammar)) {
            throw new IllegalArgumentException("unknown tree-sitter grammar '" + grammar + "'; mache knows " + NAMES);
        }
        return LOADED.computeIfAbsent(grammar, Grammars::load);
    }

    /** Which natives are in use, for logs and {@code mache doctor}, e.g. "compiled gcc -O2, profile-guided core (tree-sitter 0.25.0)". */
    public static String nativesSource() {
        return NativeLibraries.get().describeSource();
    }

    /** The grammars whose native library is on the classpath, in {@link #NAMES} order. */
    public static Set<String> available() {
        SequencedSet<String> present = new LinkedHashSet<>();
        for (String name : NAMES) {
            if (NativeLibraries.get().hasGrammar(name)) {
                present.add(name);
            }
        }
        return Collections.unmodifiableSequencedSet(present);
    }

    private static Language load(String grammar) {
        NativeLibraries natives = NativeLibraries.get();
        natives.core(); // decide (and log) the core's source before the first grammar touches jtreesitter
        NativeLibrary library = natives.requireGrammar(grammar);
        SymbolLookup symbols = SymbolLookup.libraryLookup(library.path(), Arena.global());
        return Language.load(symbols, "tree_sitter_" + grammar);
    }
}
