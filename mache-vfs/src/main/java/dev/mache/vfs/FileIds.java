package dev.mache.vfs;

import dev.mache.graph.Names;

import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Names#fileId} of the paths served recently. A fileid is a pure function of the path (a SHA-256), and every
 * entry of every listing and lookup needs one, so remembering them saves a digest per entry. Bounded: it starts over
 * past {@link #MAX} paths.
 */
final class FileIds {
    static final int MAX = 500_000;
    private static final ConcurrentHashMap<String, Long> IDS = new ConcurrentHashMap<>();

    private FileIds() {
    }

    static long of(String path) {
        Long id = IDS.get(path);
        if (id != null) {
            return id;
        }
        long computed = Names.fileId(path);
        if (IDS.size() >= MAX) {
            IDS.clear();
        }
        IDS.put(path, computed);
        return computed;
    }
}
