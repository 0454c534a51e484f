package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;

/**
 * Run in a child JVM by {@link GrammarsTest} (the natives choice is fixed once per process): prints the natives
 * source, then one line per grammar "name rootType hasError", then "mapped <path>" per tree-sitter library mapped.
 */
public final class NativesProbe {

    public static void main(String[] args) {
        System.out.println("source " + Grammars.nativesSource());
        for (var entry : GrammarSnippets.ALL.entrySet()) {
            Language language = Grammars.language(entry.getKey());
            try (Parser parser = new Parser(language); Tree tree = parser.parse(entry.getValue().source()).orElseThrow()) {
                Node root = tree.getRootNode();
                System.out.println(entry.getKey() + " " + root.getType() + " " + root.hasError());
            }
        }
        // which tree-sitter libraries the process mapped: all must come from mache's cache, none from the system
        try (var maps = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/self/maps"))) {
            maps.map(line -> line.substring(line.indexOf('/') < 0 ? line.length() : line.indexOf('/')))
                    .filter(path -> path.contains("tree-sitter")).distinct().sorted()
                    .forEach(path -> System.out.println("mapped " + path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
