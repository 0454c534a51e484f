package dev.mache.cli;

import java.time.Duration;

/**
 * How a first index is cut into batches (see {@link GraphStore#indexInBatches}): the first batch is small, so the
 * tree shows up at once; each next batch is sized to take about {@code target}, between {@code minFiles} and
 * {@code maxFiles} files (growing at most fourfold), so commits come a few times a second without costing the whole
 * index more than a little.
 */
record BatchPolicy(int firstFiles, int minFiles, int maxFiles, Duration target) {
    static final BatchPolicy DEFAULT = new BatchPolicy(32, 16, 1000, Duration.ofMillis(500));

    BatchPolicy {
        if (firstFiles < 1 || minFiles < 1 || maxFiles < minFiles || target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("bad batch policy " + firstFiles + "/" + minFiles + "/" + maxFiles
                    + "/" + target);
        }
    }

    /** Every batch exactly {@code files} files (tests). */
    static BatchPolicy fixed(int files) {
        return new BatchPolicy(files, files, files, Duration.ofMillis(1));
    }

    /** The size of the batch after one of {@code lastFiles} files that took {@code lastNanos}. */
    int next(int lastFiles, long lastNanos) {
        if (minFiles == maxFiles) {
            return minFiles;
        }
        double scaled = (double) lastFiles * target.toNanos() / Math.max(1, lastNanos);
        long n = Math.round(Math.min(scaled, 4.0 * lastFiles));
        return (int) Math.clamp(n, minFiles, maxFiles);
    }
}
