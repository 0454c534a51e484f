package dev.mache.graph.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How a {@link TreeWatcher} watches.
 *
 * @param quietPeriod  a batch is delivered once no event came for this long ...
 * @param maxDelay     ... or once its first event is this old, even if edits keep coming
 * @param poll         stat-poll the tree instead of using the WatchService (also the fallback when the
 *                     WatchService cannot register a directory, e.g. out of inotify watches)
 * @param pollInterval how often polling walks the tree
 * @param excluded     files that never count as changes (the store's own database when it lies inside the tree);
 *                     a file whose name starts with an excluded file's name in the same directory is excluded too
 *                     ({@code x.db-wal}, {@code x.db-journal}, {@code x.db.tmp-1})
 */
public record WatchOptions(Duration quietPeriod, Duration maxDelay, boolean poll, Duration pollInterval,
                           Set<Path> excluded) {
    public WatchOptions {
        if (quietPeriod.isNegative() || maxDelay.compareTo(quietPeriod) < 0 || pollInterval.isNegative()
                || pollInterval.isZero()) {
            throw new IllegalArgumentException("need 0 <= quietPeriod <= maxDelay and pollInterval > 0");
        }
        excluded = Set.copyOf(excluded);
    }

    /** 150 ms quiet, 1 s at most, the WatchService (polling every 500 ms if it must fall back). */
    public static WatchOptions defaults() {
        return new WatchOptions(Duration.ofMillis(150), Duration.ofSeconds(1), false, Duration.ofMillis(500),
                Set.of());
    }

    public WatchOptions withPoll(boolean v) {
        return new WatchOptions(quietPeriod, maxDelay, v, pollInterval, excluded);
    }

    public WatchOptions withPollInterval(Duration v) {
        return new WatchOptions(quietPeriod, maxDelay, poll, v, excluded);
    }

    public WatchOptions withQuietPeriod(Duration quiet, Duration max) {
        return new WatchOptions(quiet, max, poll, pollInterval, excluded);
    }

    public WatchOptions withExcluded(Set<Path> v) {
        return new WatchOptions(quietPeriod, maxDelay, poll, pollInterval, v);
    }
}
