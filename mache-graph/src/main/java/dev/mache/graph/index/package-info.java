/**
 * The indexer: walks a source tree ({@link dev.mache.graph.index.SourceWalker}, with
 * {@link dev.mache.graph.index.GitIgnore} rules), parses files with their
 * {@link dev.mache.graph.lang.LanguageSpec}, projects them into the tree of PROJECTION.md
 * ({@link dev.mache.graph.index.Projection}), resolves references ({@link dev.mache.graph.index.Resolver}) and
 * writes the store, fully or incrementally ({@link dev.mache.graph.index.Indexer}).
 *
 * <p>Stable paths: a construct's path depends only on its own file's content, except for the {@code ~N} suffix of
 * a name claimed in the same directory by several files, which is ranked by (file path, byte offset); the store
 * records each claim ({@code nodes.slot}, {@code slot_order}) so an update re-ranks exactly the slots whose
 * membership changed and re-projects the files whose constructs move because of it.
 */
package dev.mache.graph.index;
