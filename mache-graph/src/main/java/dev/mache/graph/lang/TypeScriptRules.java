package dev.mache.graph.lang;

import java.util.List;

/** TypeScript and TSX, both under {@code typescript/}: {@code .tsx} files are parsed with the tsx grammar. */
final class TypeScriptRules extends JavaScriptRules {

    @Override
    String name() {
        return "typescript";
    }

    @Override
    List<String> extensions() {
        return List.of("ts", "mts", "cts", "tsx");
    }

    @Override
    List<String> grammars() {
        return List.of("typescript", "tsx");
    }

    @Override
    String grammarFor(String repoPath, SourceText text) {
        return repoPath.endsWith(".tsx") || repoPath.endsWith(".TSX") ? "tsx" : "typescript";
    }

    @Override
    String normalizeType(String type) {
        return simpleTypeName(type);
    }
}
