package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Specs are shared by the indexer's threads: parsing concurrently gives exactly the single-threaded results. */
class ConcurrencyTest {

    @Test
    void parallelParsesEqualSequentialOnes() throws Exception {
        Path root = FixturesTest.fixture("java").getParent();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> Languages.forPath(p.toString()).isPresent()).sorted().toList();
        }
        List<String> expected = new ArrayList<>();
        for (Path p : files) expected.add(dump(root, p));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Path p : files) results.add(pool.submit(() -> dump(root, p)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(expected.get(i % files.size()), results.get(i).get(), files.get(i % files.size()).toString());
            }
        }
    }

    private static String dump(Path root, Path p) throws Exception {
        String rel = root.relativize(p).toString();
        ParsedFile f = Languages.forPath(rel).orElseThrow()
                .parse(new SourceFile(rel, Files.readAllBytes(p), x -> Files.exists(root.resolve(x))));
        return Dump.all(f);
    }
}
