package dev.mache.graph.watch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeWatcherTest {
    private static final long DEADLINE_MS = 10_000;

    @TempDir
    Path src;

    private final LinkedBlockingQueue<ChangeBatch> batches = new LinkedBlockingQueue<>();

    private TreeWatcher watch(boolean poll) throws IOException {
        WatchOptions o = WatchOptions.defaults().withPoll(poll).withPollInterval(Duration.ofMillis(100))
                .withExcluded(Set.of(src.resolve("store.db")));
        TreeWatcher w = TreeWatcher.start(src, o, batches::add);
        assertEquals(poll, w.polling());
        return w;
    }

    private ChangeBatch next() throws InterruptedException {
        ChangeBatch b = batches.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
        assertNotNull(b, "no batch within " + DEADLINE_MS + " ms");
        return b;
    }

    private void tree() throws IOException {
        Files.createDirectories(src.resolve("pkg"));
        Files.createDirectories(src.resolve(".git/objects"));
        Files.createDirectories(src.resolve("build"));
        Files.writeString(src.resolve(".gitignore"), "build/\n*.log\n");
        Files.writeString(src.resolve("pkg/a.go"), "package pkg\nfunc A() {}\n");
    }

    @ParameterizedTest(name = "poll={0}")
    @ValueSource(booleans = {false, true})
    void anEditIsOneBatchAndIgnoredPathsDoNotCount(boolean poll) throws Exception {
        tree();
        try (TreeWatcher w = watch(poll)) {
            // ignored: git metadata, a .gitignore'd directory and file pattern, the excluded database
            Files.writeString(src.resolve(".git/objects/ab"), "x");
            Files.writeString(src.resolve(".git/index"), "x");
            Files.writeString(src.resolve("build/out.go"), "package out\n");
            Files.writeString(src.resolve("pkg/trace.log"), "x");
            Files.writeString(src.resolve("store.db"), "x");
            Files.writeString(src.resolve("store.db-wal"), "x");
            // then a real edit: the first batch holds it and nothing else
            Files.writeString(src.resolve("pkg/a.go"), "package pkg\nfunc B() {}\n");
            ChangeBatch b = next();
            assertFalse(b.rescan());
            assertEquals(Set.of("pkg/a.go"), withoutDirs(b.paths()));
            assertTrue(batches.isEmpty());
            assertEquals(1, w.batches());
        }
    }

    @ParameterizedTest(name = "poll={0}")
    @ValueSource(booleans = {false, true})
    void aBurstOfFiftyEditsIsCoalesced(boolean poll) throws Exception {
        tree();
        try (TreeWatcher w = watch(poll)) {
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                String p = "pkg/f" + i + ".go";
                Files.writeString(src.resolve(p), "package pkg\nfunc F" + i + "() {}\n");
                expected.add(p);
            }
            Set<String> seen = new HashSet<>();
            List<ChangeBatch> got = new ArrayList<>();
            while (!seen.containsAll(expected)) {
                ChangeBatch b = next();
                got.add(b);
                seen.addAll(b.paths());
            }
            assertTrue(got.size() <= 3, "50 quick edits gave " + got.size() + " batches");
        }
    }

    @Test
    void newDirectoriesAreWatchedAsTheyAppear() throws Exception {
        tree();
        try (TreeWatcher w = watch(false)) {
            Files.createDirectories(src.resolve("new/deeper"));
            Files.writeString(src.resolve("new/deeper/b.go"), "package deeper\n");
            Set<String> seen = new HashSet<>();
            while (!seen.contains("new/deeper/b.go")) {
                seen.addAll(next().paths());
            }
            batches.clear();
            Files.writeString(src.resolve("new/deeper/b.go"), "package deeper\nfunc C() {}\n");
            Set<String> later = new HashSet<>();
            while (!later.contains("new/deeper/b.go")) {
                later.addAll(next().paths());
            }
            // a new ignored directory is not watched
            Files.createDirectories(src.resolve("build/sub"));
            Files.writeString(src.resolve("build/sub/x.go"), "x");
            Files.writeString(src.resolve("pkg/a.go"), "package pkg\nfunc D() {}\n");
            assertEquals(Set.of("pkg/a.go"), withoutDirs(next().paths()));
        }
    }

    /** Directory entries (a modified parent) may come along with a file's event; the files are what matter. */
    private Set<String> withoutDirs(Set<String> paths) {
        Set<String> out = new HashSet<>();
        for (String p : paths) {
            if (!Files.isDirectory(src.resolve(p))) {
                out.add(p);
            }
        }
        return out;
    }
}
