package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Parser;
import java.nio.file.Files;
import java.nio.file.Path;

/** Developer aid: java Sexp <grammar> <file> prints the syntax tree. */
final class Sexp {
    public static void main(String[] args) throws Exception {
        try (Parser p = new Parser(Grammars.language(args[0]))) {
            System.out.println(p.parse(Files.readString(Path.of(args[1]))).orElseThrow().getRootNode().toSexp());
        }
    }
}
