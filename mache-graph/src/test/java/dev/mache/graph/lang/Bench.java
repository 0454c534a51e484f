package dev.mache.graph.lang;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Developer aid, not a test: java Bench <dir> [threads] parses every supported file and prints totals. */
final class Bench {
    static final ThreadLocal<io.github.treesitter.jtreesitter.Parser> PARSER = ThreadLocal.withInitial(
            () -> new io.github.treesitter.jtreesitter.Parser(Grammars.language("java")));
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> Languages.forPath(p.toString()).isPresent()).toList();
        }
        for (int round = 0; round < (args.length > 2 ? Integer.parseInt(args[2]) : 1); round++) {
            AtomicLong bytes = new AtomicLong(), constructs = new AtomicLong(), refs = new AtomicLong(), problems = new AtomicLong();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> fs = files.stream().<Future<?>>map(p -> pool.submit(() -> {
                    byte[] b = Files.readAllBytes(p);
                    String rel = root.relativize(p).toString();
                    if (System.getProperty("parseOnly") != null) {
                        var parser = PARSER.get();
                        try (var t = parser.parse(new String(b, java.nio.charset.StandardCharsets.UTF_8)).orElseThrow()) {
                            bytes.addAndGet(b.length);
                            if (System.getProperty("walk") != null) constructs.addAndGet(t.getRootNode().getDescendantCount());
                        }
                        return null;
                    }
                    if (System.getProperty("queryOnly") != null) {
                        constructs.addAndGet(((QueryLanguage) Languages.forPath(rel).orElseThrow()).countMatches(new SourceFile(rel, b, x -> false)));
                        bytes.addAndGet(b.length);
                        return null;
                    }
                    ParsedFile f = Languages.forPath(rel).orElseThrow().parse(new SourceFile(rel, b, x -> false));
                    bytes.addAndGet(b.length);
                    constructs.addAndGet(f.constructs().size());
                    refs.addAndGet(f.references().size());
                    if (!f.problems().isEmpty()) problems.incrementAndGet();
                    return null;
                })).toList();
                for (Future<?> f : fs) f.get();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("%d files, %d MB, %d constructs, %d references, %d with problems: %d ms wall, %d ms cpu%n",
                    files.size(), bytes.get() >> 20, constructs.get(), refs.get(), problems.get(), ms,
                    (os.getProcessCpuTime() - c0) / 1_000_000);
        }
    }
}
