package dev.mache.vfs;

import dev.mache.graph.Names;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Names#fileId} of the paths served recently. A fileid is a pure function of the path (a SHA-256), and every
 * entry of every listing and lookup needs one, so remembering them saves a digest per entry. Bounded in bytes: each
 * path is weighed by an estimate of its heap (the map entry, the key string and the boxed id), and past
 * {@link #BUDGET_BYTES} the memo starts over.
 */
final class FileIds {
    /** 16 MiB: about 110,000 paths of 40 characters, the whole of an 80,000-entry projection. */
    static final long BUDGET_BYTES = 16L << 20;
    private static final ConcurrentHashMap<String, Long> IDS = new ConcurrentHashMap<>();
    private static final AtomicLong BYTES = new AtomicLong();

    private FileIds() {
    }

    /** Estimated heap of one remembered path: map entry 40, boxed long 16, and the string. */
    static long weigh(String path) {
        return 40 + 16 + StateCache.weigh(path);
    }

    static long of(String path) {
        Long id = IDS.get(path);
        if (id != null) {
            return id;
        }
        long computed = Names.fileId(path);
        long weight = weigh(path);
        if (BYTES.addAndGet(weight) > BUDGET_BYTES) {
            IDS.clear();
            BYTES.set(weight);
        }
        IDS.put(path, computed);
        return computed;
    }

    /** The estimated bytes held now (for tests). */
    static long usedBytes() {
        return BYTES.get();
    }
}
