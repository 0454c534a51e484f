package dev.mache.graph.lang.natives;

/** Where a native library came from. */
public enum NativeSource {
    /** Compiled by {@code mache-graph/natives/build.sh} with gcc from the npm packages' C sources. */
    COMPILED,
    /** Prebuilt by bonede ({@code io.github.bonede:tree-sitter*} jars); the slower fallback. */
    BONEDE
}
