package dev.mache.graph.lang.natives;

import java.nio.file.Path;

/** One native library extracted to disk, ready for {@code SymbolLookup.libraryLookup}. */
public record NativeLibrary(String name, NativeSource source, Path path) {}
