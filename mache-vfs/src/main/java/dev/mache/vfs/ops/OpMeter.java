package dev.mache.vfs.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests of one operation of one protocol ({@code nfs READDIRPLUS}, {@code webdav GET}): a latency histogram
 * whose buckets also give the request count, the latency sum, and failures by status. Lock-free: recording a request
 * adds to two {@link LongAdder}s (three when it failed).
 */
public final class OpMeter {
    /** Upper bounds of the latency buckets, in nanoseconds: 100 µs to 5 s (then +Inf). */
    static final long[] BOUNDS_NANOS = {100_000L, 500_000L, 1_000_000L, 5_000_000L, 10_000_000L, 50_000_000L,
            100_000_000L, 500_000_000L, 1_000_000_000L, 5_000_000_000L};

    private final String protocol;
    private final String op;
    /** Per bucket (not cumulative); the last is +Inf. */
    private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    OpMeter(String protocol, String op) {
        this.protocol = protocol;
        this.op = op;
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public String protocol() {
        return protocol;
    }

    public String op() {
        return op;
    }

    /** One request answered in {@code nanos}. */
    public void record(long nanos) {
        long n = Math.max(0, nanos);
        int i = 0;
        while (i < BOUNDS_NANOS.length && n > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(n);
    }

    /** One request answered in {@code nanos} with a failure {@code status} (an HTTP code, an nfsstat3 name). */
    public void record(long nanos, String status) {
        record(nanos);
        failures.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** What a scrape reads: the counts are read once, so a scrape's count, buckets and +Inf agree. */
    record Reading(long[] buckets, long count, double sumSeconds, Map<String, Long> failures) {
    }

    Reading read() {
        long[] b = new long[buckets.length];
        long count = 0;
        for (int i = 0; i < b.length; i++) {
            b[i] = buckets[i].sum();
            count += b[i];
        }
        Map<String, Long> f = new java.util.TreeMap<>();
        failures.forEach((status, n) -> f.put(status, n.sum()));
        return new Reading(b, count, sumNanos.sum() / 1e9, f);
    }

    /** Requests so far. */
    public long count() {
        return read().count();
    }
}
