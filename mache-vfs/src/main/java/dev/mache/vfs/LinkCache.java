package dev.mache.vfs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The named links of recently used list directories, keyed by snapshot identity and directory path. Naming a list
 * means fetching every ref of it (collision numbers depend on all of them), so without this a client that looks up
 * each entry of a 10,000-entry {@code callers/toString/} one by one would fetch all 10,000 refs 10,000 times.
 *
 * <p>Only a speed-up: equal snapshot roots mean equal content, so an entry is never wrong, and a miss just
 * recomputes. Handles and listings never depend on what is cached.
 */
final class LinkCache {
    private static final int MAX_DIRS = 64;

    private final Map<String, List<RefListView.Link>> lists = new LinkedHashMap<>(MAX_DIRS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<RefListView.Link>> eldest) {
            return size() > MAX_DIRS;
        }
    };

    List<RefListView.Link> get(String snapshotRoot, String dir, Supplier<List<RefListView.Link>> compute) {
        String key = snapshotRoot + "\0" + dir;
        synchronized (lists) {
            List<RefListView.Link> hit = lists.get(key);
            if (hit != null) {
                return hit;
            }
        }
        List<RefListView.Link> links = List.copyOf(compute.get());
        synchronized (lists) {
            lists.put(key, links);
        }
        return links;
    }
}
