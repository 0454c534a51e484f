package dev.mache.vfs.ops;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** The index runs of a serving process (the first index, then one per batch of edits): how many, and the last. */
public final class IndexRuns implements Collector {
    private record Last(double seconds, long finishedEpochMillis) {
    }

    private final LongAdder runs = new LongAdder();
    private final AtomicReference<Last> last = new AtomicReference<>();

    /** An index run finished after {@code elapsed}. */
    public void finished(Duration elapsed) {
        last.set(new Last(elapsed.toNanos() / 1e9, System.currentTimeMillis()));
        runs.increment();
    }

    @Override
    public void collect(Exposition out) {
        out.family("mache_index_runs_total", "counter", "Index runs finished by this process.");
        out.sample("mache_index_runs_total", runs.sum());
        Last l = last.get();
        if (l != null) {
            out.family("mache_last_index_duration_seconds", "gauge", "Duration of the last index run.");
            out.sample("mache_last_index_duration_seconds", l.seconds());
            out.family("mache_last_index_timestamp_seconds", "gauge", "When the last index run finished (Unix time).");
            out.sample("mache_last_index_timestamp_seconds", l.finishedEpochMillis() / 1000.0);
        }
    }
}
