package dev.mache.cli;

import dev.mache.graph.index.IndexOptions;
import dev.mache.graph.index.IndexSummary;
import dev.mache.graph.index.Indexer;
import dev.mache.graph.index.SourceWalker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The first index of a tree into a store that does not exist yet, committed in batches: the tree is walked once,
 * then each batch indexes a longer prefix of its files (path order), so every commit adds whole files after the
 * ones already there. The first batch is a bulk load; the next ones are incremental updates, one transaction each.
 *
 * <p>What a snapshot between two batches lacks: the files of later batches, and with them the edges into their
 * constructs. A reference whose definitions are all in later files is not listed yet, and one that resolves by
 * preference (same class, namespace, imports) may point at a less preferred definition until the preferred one
 * commits: each batch re-resolves the references to every token it defines, so once the last batch commits the
 * store equals a whole index's. A final incremental pass over a fresh walk picks up files edited meanwhile.
 */
final class FirstIndex {
    private static final Logger LOG = LoggerFactory.getLogger(FirstIndex.class);

    private FirstIndex() {
    }

    static GraphStore.Report run(IndexOptions options, BatchPolicy policy, GraphStore.Progress progress,
                                 GraphStore.BatchCommitted committed) throws Exception {
        long t0 = System.nanoTime();
        SourceWalker.Result walk = SourceWalker.walk(options.source(), options.maxFileBytes());
        int total = walk.files().size();
        int done = 0;
        int size = policy.firstFiles();
        int batches = 0;
        long parsed = 0;
        IndexSummary last;
        do {
            int end = (int) Math.min(total, (long) done + size);
            int before = done;
            long tb = System.nanoTime();
            last = Indexer.index(options, (d, t, path) -> progress.update(before + d, total, path), walk, end);
            long took = System.nanoTime() - tb;
            parsed += last.parsed();
            batches++;
            LOG.debug("first index of {}: batch {} committed files {}..{} of {} in {} ms", options.source(), batches,
                    before, end, total, took / 1_000_000);
            done = end;
            committed.committed(done, total);
            size = policy.next(end - before, took);
        } while (done < total);
        IndexSummary rest = Indexer.index(options, (d, t, path) -> { }); // edits made during the batches
        if (rest.parsed() > 0 || rest.deleted() > 0) {
            committed.committed(total, total);
        }
        LOG.info("first index of {}: {} files in {} batches ({} edited meanwhile)", options.source(), total, batches,
                rest.parsed() + rest.deleted());
        return new GraphStore.Report(rest.files(), parsed + rest.parsed(), 0, rest.deleted(), rest.skipped(),
                rest.constructs(), rest.references(), Duration.ofNanos(System.nanoTime() - t0));
    }

    static IndexOptions options(Path source, Path db, Long maxFileBytes, Integer threads) {
        IndexOptions defaults = IndexOptions.defaults(source, db);
        return new IndexOptions(source, db, maxFileBytes != null ? maxFileBytes : defaults.maxFileBytes(),
                threads != null ? threads : defaults.threads());
    }
}
