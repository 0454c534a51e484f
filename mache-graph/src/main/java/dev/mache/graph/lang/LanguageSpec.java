package dev.mache.graph.lang;

import java.util.List;

/**
 * One supported language: its grammar, its tree-sitter queries (files under {@code queries/<name>/}) and its
 * projection rules (namespace, kind groups, construct names with overload signatures; PROJECTION.md §2).
 */
public interface LanguageSpec {

    /** The language's directory at the root of the tree: {@code java}, {@code go}, {@code typescript}, … */
    String name();

    /** File name endings this language claims, without the dot ({@code java}, {@code tsx}). */
    List<String> extensions();

    /**
     * Parses one file. Never throws for bad input: a file with syntax errors yields whatever constructs
     * tree-sitter recovers, plus a message in {@link ParsedFile#problems()}.
     */
    ParsedFile parse(SourceFile file);
}
