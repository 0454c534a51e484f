import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import dev.mache.graph.lang.Grammars;
import io.github.treesitter.jtreesitter.Parser;
import io.github.treesitter.jtreesitter.Tree;

/**
 * Single-threaded parse throughput of the Java grammar over the first N java.base sources of a JDK's src.zip.
 * Run once per natives choice (it is fixed per process), e.g.:
 *   java --enable-native-access=ALL-UNNAMED -cp target/classes:$(cat cp.txt) -Dmache.natives=compiled \
 *        natives/ParseBench.java /usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip 400
 */
public class ParseBench {
    public static void main(String[] args) throws Exception {
        int limit = Integer.parseInt(args[1]);
        List<String> sources = new ArrayList<>();
        try (ZipFile zip = new ZipFile(Path.of(args[0]).toFile())) {
            zip.stream().filter(e -> e.getName().startsWith("java.base/java/") && e.getName().endsWith(".java"))
                    .sorted((a, b) -> a.getName().compareTo(b.getName())).limit(limit).forEach(e -> {
                        try (var in = zip.getInputStream(e)) {
                            sources.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        } catch (java.io.IOException x) {
                            throw new java.io.UncheckedIOException(x);
                        }
                    });
        }
        long bytes = sources.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        System.out.printf("natives: %s%nfiles: %d, %.1f MB%n", Grammars.nativesSource(), sources.size(), bytes / 1e6);
        try (Parser parser = new Parser(Grammars.language("java"))) {
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                long start = System.nanoTime();
                for (String source : sources) {
                    try (Tree tree = parser.parse(source).orElseThrow()) {
                        if (tree.getRootNode().getEndByte() == 0) throw new IllegalStateException();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round > 0) best = Math.min(best, seconds); // round 0 warms up
                System.out.printf("round %d: %.3f s%n", round, seconds);
            }
            System.out.printf("best: %.3f s = %.1f MB/s%n", best, bytes / 1e6 / best);
        }
    }
}
