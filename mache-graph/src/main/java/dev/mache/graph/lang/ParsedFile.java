package dev.mache.graph.lang;

import java.util.List;

/**
 * What a language extracts from one file: everything the indexer needs to project it and link its references.
 *
 * @param language   the {@link LanguageSpec#name()}
 * @param namespace  the namespace segment, unescaped ({@code java.util}, {@code (default)}, {@code src.net.socket.c})
 * @param context    what the file declares above its constructs: package / module clause and imports, as text
 * @param imports    imported namespaces or qualified names, used to prefer definitions during resolution
 * @param constructs every construct in source order; parents come before their children
 * @param references every reference site (calls, instantiations, type uses)
 * @param problems   why parts of the file could not be read (syntax errors and the like); empty when clean
 */
public record ParsedFile(String language, String namespace, String context, List<String> imports,
                         List<Construct> constructs, List<Reference> references, List<String> problems) {
}
