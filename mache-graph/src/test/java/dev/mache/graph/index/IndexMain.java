package dev.mache.graph.index;

import java.nio.file.Path;

/** Manual measurement entry point (not a test): {@code IndexMain <source> <db> [threads]}. */
public final class IndexMain {
    private IndexMain() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        IndexOptions o = new IndexOptions(Path.of(args[0]), Path.of(args[1]), IndexOptions.DEFAULT_MAX_FILE_BYTES,
                threads);
        IndexSummary s = Indexer.index(o, IndexProgress.NONE);
        System.out.println(s);
    }
}
