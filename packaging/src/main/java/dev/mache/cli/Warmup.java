package dev.mache.cli;

import dev.mache.graph.index.SourceWalker;
import dev.mache.graph.lang.LanguageSpec;
import dev.mache.graph.lang.Languages;
import dev.mache.graph.lang.SourceFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes the first edit after a start as quick as the next ones. A server that starts on an up-to-date store parses
 * nothing, so its first edit would load the grammar and compile the queries of its language (hundreds of ms to
 * seconds for some grammars) and run the parser and extraction in the interpreter. This parses one file of every
 * language of the tree, in the background, right after the first index, and throws the result away.
 */
final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    private Warmup() {
    }

    /** Starts warming up on a daemon thread of low priority; returns it (tests join it). */
    static Thread start(Path source, long maxFileBytes) {
        Thread t = Thread.ofPlatform().daemon().name("mache-warmup").priority(Thread.MIN_PRIORITY)
                .unstarted(() -> run(source, maxFileBytes));
        t.start();
        return t;
    }

    private static void run(Path source, long maxFileBytes) {
        long t0 = System.nanoTime();
        try {
            Map<LanguageSpec, SourceWalker.WalkedFile> firstOf = new LinkedHashMap<>();
            for (SourceWalker.WalkedFile f : SourceWalker.walk(source, maxFileBytes).files()) {
                Languages.forPath(f.repoPath()).ifPresent(spec -> firstOf.putIfAbsent(spec, f));
            }
            for (Map.Entry<LanguageSpec, SourceWalker.WalkedFile> e : firstOf.entrySet()) {
                SourceWalker.WalkedFile f = e.getValue();
                byte[] content = Files.readAllBytes(f.path());
                e.getKey().parse(new SourceFile(f.repoPath(), content, p -> false));
            }
            LOG.info("warmed up {} language(s) of {} in {} ms", firstOf.size(), source,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception | StackOverflowError e) {
            LOG.debug("warm-up of {} failed: {}", source, e.toString()); // the first edit is just slower
        }
    }
}
