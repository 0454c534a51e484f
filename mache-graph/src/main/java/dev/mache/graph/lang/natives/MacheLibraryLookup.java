package dev.mache.graph.lang.natives;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

import io.github.treesitter.jtreesitter.NativeLibraryLookup;

/**
 * Hands jtreesitter mache's tree-sitter core (registered in {@code META-INF/services}). jtreesitter asks the
 * services first and only then dlopens "libtree-sitter.so" from the system; our compiled core carries that
 * soname and is already loaded by then, so the dynamic linker returns ours instead of a system copy. The library
 * is loaded into the global arena: it stays mapped for the life of the process, like every parser using it.
 */
public final class MacheLibraryLookup implements NativeLibraryLookup {

    @Override
    public SymbolLookup get(Arena arena) {
        return SymbolLookup.libraryLookup(NativeLibraries.get().core().path(), Arena.global());
    }
}
