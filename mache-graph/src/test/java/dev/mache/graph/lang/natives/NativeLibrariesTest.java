package dev.mache.graph.lang.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {

    private static final Platform LINUX_X86_64 =
            new Platform("natives/linux-x86_64", Optional.of("x86_64-linux-gnu-"), "lib", ".so");

    /** A class loader that sees only {@code dir} (no parent: neither the compiled nor bonede's natives). */
    private static ClassLoader only(Path dir) throws Exception {
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    @TempDir
    Path cache;

    private NativeLibraries natives(NativeLibraries.Mode mode, Path classpath) throws Exception {
        return new NativeLibraries(LINUX_X86_64, mode, only(classpath), new Extractor(cache));
    }

    @Test
    void missingGrammarIsAClearError(@TempDir Path empty) throws Exception {
        NativeLibraries natives = natives(NativeLibraries.Mode.AUTO, empty);
        assertFalse(natives.hasGrammar("c_sharp"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> natives.requireGrammar("c_sharp"));
        assertEquals("the native library of tree-sitter grammar 'c_sharp' is missing: none of"
                + " natives/linux-x86_64/libtree-sitter-c-sharp.so, lib/x86_64-linux-gnu-tree-sitter-c-sharp.so"
                + " is on the classpath (mache.natives=auto)", e.getMessage());
    }

    @Test
    void forcedCompiledModeDoesNotFallBack(@TempDir Path classpath) throws Exception {
        Files.createDirectories(classpath.resolve("lib"));
        Files.write(classpath.resolve("lib/x86_64-linux-gnu-tree-sitter.so"), new byte[] {1, 2, 3});
        NativeLibraries compiled = natives(NativeLibraries.Mode.COMPILED, classpath);
        IllegalStateException e = assertThrows(IllegalStateException.class, compiled::core);
        assertEquals("no tree-sitter core library for this platform on the classpath (looked for"
                + " natives/linux-x86_64/libtree-sitter.so); mache.natives=compiled", e.getMessage());
        NativeLibraries auto = natives(NativeLibraries.Mode.AUTO, classpath);
        assertEquals(NativeSource.BONEDE, auto.core().source());
        assertTrue(auto.describeSource().startsWith("bonede prebuilt "), auto.describeSource());
    }

    @Test
    void compiledLibraryWinsAndIsExtractedByContentHash(@TempDir Path classpath) throws Exception {
        Files.createDirectories(classpath.resolve("lib"));
        Files.createDirectories(classpath.resolve("natives/linux-x86_64"));
        Files.write(classpath.resolve("lib/x86_64-linux-gnu-tree-sitter-go.so"), new byte[] {1});
        Files.write(classpath.resolve("natives/linux-x86_64/libtree-sitter-go.so"), new byte[] {2, 2});
        NativeLibraries natives = natives(NativeLibraries.Mode.AUTO, classpath);
        NativeLibrary go = natives.requireGrammar("go");
        assertEquals(NativeSource.COMPILED, go.source());
        assertEquals("libtree-sitter-go.so", go.path().getFileName().toString());
        assertEquals(Extractor.sha256(new byte[] {2, 2}).substring(0, 24), go.path().getParent().getFileName().toString());
        assertEquals(cache, go.path().getParent().getParent());
        assertEquals(2, Files.size(go.path()));
        NativeLibraries bonede = natives(NativeLibraries.Mode.BONEDE, classpath);
        assertEquals(NativeSource.BONEDE, bonede.requireGrammar("go").source());
    }
}
