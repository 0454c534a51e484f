package dev.mache.vfs.webdav;

import dev.mache.graph.index.IndexOptions;
import dev.mache.graph.index.IndexProgress;
import dev.mache.graph.index.Indexer;
import dev.mache.graph.store.SqliteGraph;
import dev.mache.vfs.ProjectionFs;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Indexes a source tree with the real languages and serves it until killed (for screenshots and manual checks):
 * {@code IndexedDemo SRC DB PORT}; SRC {@code -} serves an existing DB; PORT {@code -} only indexes.
 */
public final class IndexedDemo {
    private IndexedDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        Path db = Path.of(args[1]);
        if (!args[0].equals("-")) {
            Indexer.index(IndexOptions.defaults(src, db), IndexProgress.NONE);
        }
        if (args[2].equals("-")) {
            return;
        }
        try (SqliteGraph graph = SqliteGraph.open(db);
             WebDavServer s = WebDavServer.start(new ProjectionFs(graph),
                     new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2])))) {
            System.out.println(s.url());
            Thread.currentThread().join();
        }
    }
}
