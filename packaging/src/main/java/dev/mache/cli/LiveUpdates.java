package dev.mache.cli;

import dev.mache.graph.watch.ChangeBatch;
import dev.mache.graph.watch.TreeWatcher;
import dev.mache.graph.watch.WatchOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Keeps a served store up to date with its source tree: every debounced batch of edits runs the incremental index,
 * which commits in one transaction, so each NFS or WebDAV call sees the tree before or after an update, never half.
 */
final class LiveUpdates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);

    private final TreeWatcher watcher;

    private LiveUpdates(TreeWatcher watcher) {
        this.watcher = watcher;
    }

    /**
     * Watches {@code store}'s source; {@code committed} gets each batch and its index report after the commit
     * (only when the index changed something).
     */
    static LiveUpdates start(Cli cli, ServedStore store, boolean poll, Long maxFileBytes, Integer threads,
                             BiConsumer<ChangeBatch, GraphStore.Report> committed) throws Exception {
        WatchOptions options = WatchOptions.defaults().withPoll(poll).withExcluded(Set.of(store.db()));
        TreeWatcher w = TreeWatcher.start(store.source(), options, batch -> {
            try {
                GraphStore.Report r = store.index(cli, maxFileBytes, threads, false);
                LOG.info("{} changed path(s): {} file(s) re-indexed, {} deleted, in {} ms", batch.paths().size(),
                        r.parsed(), r.deleted(), r.elapsed().toMillis());
                if (r.parsed() > 0 || r.deleted() > 0) {
                    committed.accept(batch, r);
                }
            } catch (Exception e) {
                LOG.warn("re-indexing {} failed: {}", store.source(), e.toString());
            }
        });
        return new LiveUpdates(w);
    }

    boolean polling() {
        return watcher.polling();
    }

    @Override
    public void close() {
        watcher.close();
    }
}
