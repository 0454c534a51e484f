package dev.mache.graph.lang;

import java.util.function.Predicate;

/**
 * A file handed to a {@link LanguageSpec}.
 *
 * @param repoPath the path relative to the repository root, with {@code /} separators
 * @param content  the file's bytes (UTF-8 expected; invalid bytes are tolerated)
 * @param exists   tells whether a repository path exists (for rules like Go's go.mod module root or Python's
 *                 {@code __init__.py} packages), without the spec touching the filesystem itself
 */
public record SourceFile(String repoPath, byte[] content, Predicate<String> exists) {
}
