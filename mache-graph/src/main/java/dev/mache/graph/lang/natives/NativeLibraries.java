package dev.mache.graph.lang.natives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides which tree-sitter native libraries mache uses, and extracts them.
 *
 * <p>Preferred: the libraries compiled by {@code mache-graph/natives/build.sh} with gcc -O2 (the core also with
 * -fvisibility=hidden -fno-semantic-interposition, and profile-guided) from the npm packages' C sources, bundled as
 * {@code natives/<os>-<arch>/libtree-sitter[-<grammar>].so} (at least 2.4x faster than the prebuilt ones). Fallback, with a WARNING: bonede's prebuilt jars ({@code lib/<arch>-linux-gnu-tree-sitter[-<grammar>].so}).
 * The system property {@code mache.natives} forces a choice: {@code auto} (default), {@code compiled} (fail when
 * the compiled natives are missing) or {@code bonede}.
 */
public final class NativeLibraries {

    private static final Logger log = LoggerFactory.getLogger(NativeLibraries.class);

    /** How to choose between the compiled and the bonede natives. */
    public enum Mode {
        AUTO, COMPILED, BONEDE;

        static Mode fromSystemProperty() {
            String value = System.getProperty("mache.natives", "auto").trim().toUpperCase(Locale.ROOT);
            try {
                return valueOf(value.isEmpty() ? "AUTO" : value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("system property mache.natives must be auto, compiled or bonede, not '"
                        + System.getProperty("mache.natives") + "'");
            }
        }
    }

    private static final String CORE = "tree-sitter";
    private static final Pattern BONEDE_JAR_VERSION = Pattern.compile("tree-sitter-(\\d[^/!]*)\\.jar!");

    private final Platform platform;
    private final Mode mode;
    private final ClassLoader loader;
    private final Properties compiledInfo;
    private Extractor extractor;
    private NativeLibrary core;

    NativeLibraries(Platform platform, Mode mode, ClassLoader loader) {
        this(platform, mode, loader, null);
    }

    /** With a fixed cache directory ({@code null}: the usual {@link Extractor#create()} choice). */
    NativeLibraries(Platform platform, Mode mode, ClassLoader loader, Extractor extractor) {
        this.extractor = extractor;
        this.platform = platform;
        this.mode = mode;
        this.loader = loader;
        this.compiledInfo = readCompiledInfo(loader, platform);
    }

    private static final class Holder {
        static final NativeLibraries INSTANCE = new NativeLibraries(
                Platform.current(), Mode.fromSystemProperty(), NativeLibraries.class.getClassLoader());
    }

    /** The process-wide instance (the mode is read from {@code mache.natives} once, on first use). */
    public static NativeLibraries get() {
        return Holder.INSTANCE;
    }

    /**
     * A separate instance that looks for the natives through {@code loader} (the mode from {@code mache.natives}),
     * for checks such as {@code mache doctor} that must not depend on what the process loaded already. Parsing
     * always uses {@link #get()}.
     */
    public static NativeLibraries using(ClassLoader loader) {
        return new NativeLibraries(Platform.current(), Mode.fromSystemProperty(), loader);
    }

    public Mode mode() {
        return mode;
    }

    /** The tree-sitter core library, extracted on first use; the same one for the whole process. */
    public synchronized NativeLibrary core() {
        if (core == null) {
            core = locate(CORE).orElseThrow(() -> new IllegalStateException(
                    "no tree-sitter core library for this platform on the classpath (looked for "
                            + candidates(CORE) + "); mache.natives=" + mode.name().toLowerCase(Locale.ROOT)));
            if (core.source() == NativeSource.BONEDE && mode == Mode.AUTO) {
                log.warn("WARNING: using bonede's prebuilt tree-sitter core ({}), at least 2.4x slower than"
                        + " mache's gcc build: the compiled natives are missing from the classpath ({}); rebuild"
                        + " mache-graph with gcc and npm available", core.path(), platform.compiledResource(CORE));
            }
            log.debug("tree-sitter core: {} from {}", core.path(), core.source());
        }
        return core;
    }

    /** The native library of one grammar ({@code java}, {@code c_sharp}, …), extracted; empty when not bundled. */
    public synchronized Optional<NativeLibrary> grammar(String grammar) {
        Optional<NativeLibrary> library = locate(baseName(grammar));
        library.filter(lib -> lib.source() == NativeSource.BONEDE && mode == Mode.AUTO && compiledCorePresent())
                .ifPresent(lib -> log.warn("WARNING: grammar {} is not among the compiled natives; using bonede's"
                        + " prebuilt {}", grammar, lib.path()));
        return library;
    }

    /**
     * Like {@link #grammar(String)}, but a missing library is an {@link IllegalStateException} naming the
     * resources looked for.
     */
    public NativeLibrary requireGrammar(String grammar) {
        return grammar(grammar).orElseThrow(() -> new IllegalStateException(
                "the native library of tree-sitter grammar '" + grammar + "' is missing: none of "
                        + candidates(baseName(grammar)) + " is on the classpath (mache.natives="
                        + mode.name().toLowerCase(Locale.ROOT) + ")"));
    }

    /** Whether a library for the grammar is on the classpath (nothing is extracted). */
    public boolean hasGrammar(String grammar) {
        String base = baseName(grammar);
        return (mode != Mode.BONEDE && loader.getResource(platform.compiledResource(base)) != null)
                || (mode != Mode.COMPILED && platform.bonedeResource(base).map(loader::getResource).isPresent());
    }

    /** The resources looked for, for error messages. */
    public String candidates(String base) {
        StringBuilder sb = new StringBuilder();
        if (mode != Mode.BONEDE) {
            sb.append(platform.compiledResource(base));
        }
        if (mode != Mode.COMPILED) {
            platform.bonedeResource(base).ifPresent(r -> sb.append(sb.isEmpty() ? "" : ", ").append(r));
        }
        return sb.toString();
    }

    /**
     * For logs and {@code mache doctor}: "compiled gcc -O2, profile-guided core (tree-sitter 0.25.0)" (the
     * {@code optimization} that build.sh recorded) or "bonede prebuilt 0.26.6 (fallback)".
     */
    public String describeSource() {
        NativeLibrary lib;
        try {
            lib = core();
        } catch (RuntimeException e) {
            return "none (" + e.getMessage() + ")";
        }
        if (lib.source() == NativeSource.COMPILED) {
            return "compiled " + compiledInfo.getProperty("compiler", "gcc") + " "
                    + compiledInfo.getProperty("optimization", "-O2") + " (tree-sitter "
                    + compiledInfo.getProperty("tree-sitter.version", "?") + ")";
        }
        String version = platform.bonedeResource(CORE).map(loader::getResource).map(URL::toString)
                .map(BONEDE_JAR_VERSION::matcher).filter(Matcher::find).map(m -> m.group(1) + " ").orElse("");
        return "bonede prebuilt " + version + (mode == Mode.BONEDE ? "(forced by mache.natives=bonede)" : "(fallback)");
    }

    /** The build facts of the compiled natives ({@code natives.properties}); empty when they are not bundled. */
    public Properties compiledInfo() {
        Properties copy = new Properties();
        copy.putAll(compiledInfo);
        return copy;
    }

    static String baseName(String grammar) {
        return "tree-sitter-" + grammar.replace('_', '-');
    }

    private boolean compiledCorePresent() {
        return loader.getResource(platform.compiledResource(CORE)) != null;
    }

    private Optional<NativeLibrary> locate(String base) {
        String fileName = platform.libPrefix() + base + platform.libSuffix();
        if (mode != Mode.BONEDE) {
            Optional<NativeLibrary> compiled = extractor().extract(loader, platform.compiledResource(base), fileName)
                    .map(path -> new NativeLibrary(base, NativeSource.COMPILED, path));
            if (compiled.isPresent() || mode == Mode.COMPILED) {
                return compiled;
            }
        }
        return platform.bonedeResource(base)
                .flatMap(resource -> extractor().extract(loader, resource, fileName))
                .map(path -> new NativeLibrary(base, NativeSource.BONEDE, path));
    }

    private Extractor extractor() {
        if (extractor == null) {
            extractor = Extractor.create();
        }
        return extractor;
    }

    private static Properties readCompiledInfo(ClassLoader loader, Platform platform) {
        Properties properties = new Properties();
        try (InputStream in = loader.getResourceAsStream(platform.compiledDir() + "/natives.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + platform.compiledDir() + "/natives.properties", e);
        }
        return properties;
    }
}
