package dev.mache.graph.lang;

import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Query;
import io.github.treesitter.jtreesitter.QueryCursor;
import io.github.treesitter.jtreesitter.Tree;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Developer aid: time one query file over a directory of Java files (single thread), trees parsed beforehand. */
final class QBench {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".java")).limit(Integer.parseInt(args[2])).toList();
        }
        Parser parser = new Parser(Grammars.language("java"));
        List<Tree> trees = new ArrayList<>();
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        for (Path p : files) trees.add(parser.parse(Files.readString(p, StandardCharsets.ISO_8859_1)).orElseThrow());
        System.out.printf("parse %d cpu ms%n", (mx.getCurrentThreadCpuTime() - t0) / 1_000_000);
        for (int i = 1; i < args.length; i++) {
            if (i == 2) continue;
            Query q = new Query(Grammars.language("java"), Files.readString(Path.of(args[i])));
            for (int r = 0; r < 2; r++) {
                long t = mx.getCurrentThreadCpuTime(), n = 0;
                for (Tree tree : trees) {
                    try (Arena a = Arena.ofConfined(); QueryCursor c = new QueryCursor(q)) {
                        n += c.findMatches(tree.getRootNode(), a, new QueryCursor.Options((x, y) -> true)).count();
                    }
                }
                System.out.printf("%s: %d matches %d ms%n", args[i], n, (mx.getCurrentThreadCpuTime() - t) / 1_000_000);
            }
        }
    }
}
