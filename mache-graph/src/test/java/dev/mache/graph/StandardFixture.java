package dev.mache.graph;

import dev.mache.graph.index.IndexOptions;
import dev.mache.graph.index.IndexProgress;
import dev.mache.graph.index.IndexSummary;
import dev.mache.graph.index.Indexer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The small known tree behind {@link GraphContractTest}: three {@link ToyLanguage} files and a README. */
public final class StandardFixture {
    /** Every fixture file's mtime. */
    public static final Instant MTIME = Instant.ofEpochSecond(1_700_000_000L, 123_456_789L);
    public static final long MTIME_NANOS = 1_700_000_000_123_456_789L;

    public static final String ONE = """
            package demo
            import lib
            class Foo {
              fn bar(int) {
                call baz
                call helper
              }
              fn bar() {
              }
            }
            fn baz() {
              call Foo.bar
              call external
            }
            """;
    public static final String TWO = """
            package demo
            fn baz() {
            }
            fn helper() {
              call baz
            }
            """;
    public static final String THREE = """
            package lib
            fn helper() {
            }
            """;
    public static final String README = "hello mache\n";

    public static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("a/one.toy", ONE);
        FILES.put("b/two.toy", TWO);
        FILES.put("lib/three.toy", THREE);
        FILES.put("README.md", README);
    }

    private StandardFixture() {
    }

    /** Writes the fixture files under {@code dir}. */
    public static void write(Path dir) throws IOException {
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            Files.setLastModifiedTime(p, FileTime.from(MTIME));
        }
    }

    /** Writes the fixture under {@code dir} and indexes it into {@code db}. */
    public static IndexSummary build(Path dir, Path db) throws IOException {
        write(dir);
        return Indexer.index(new IndexOptions(dir, db, IndexOptions.DEFAULT_MAX_FILE_BYTES, 2), IndexProgress.NONE,
                ToyLanguage::forPath);
    }
}
