/**
 * Locating, extracting and loading the tree-sitter native libraries (core and grammars); see
 * {@code mache-graph/natives/README.md}. Callers use {@link dev.mache.graph.lang.Grammars}.
 */
package dev.mache.graph.lang.natives;
