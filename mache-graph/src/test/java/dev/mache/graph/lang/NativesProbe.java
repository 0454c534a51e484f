package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;

/**
 * Run in a child JVM by {@link GrammarsTest} (the natives choice is fixed once per process): prints the natives
 * source, then one line per grammar "name rootType hasError".
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
    }
}
