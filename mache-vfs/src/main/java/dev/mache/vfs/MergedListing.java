package dev.mache.vfs;

import dev.mache.graph.Node;
import dev.mache.graph.Snapshot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A page of a stored directory whose listing also holds a few virtual entries (the root, a construct): the stored
 * children come from the graph's range lookup, the virtual ones are merged in by name. A stored child that would
 * share a virtual name is hidden (the projection never produces one), and the page is still full.
 */
final class MergedListing {
    private MergedListing() {
    }

    /**
     * @param virtual virtual entries of the directory, sorted bytewise by name
     */
    static List<Entry> page(Snapshot snapshot, String dirId, List<Entry> virtual, String afterName, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Set<String> virtualNames = new HashSet<>();
        List<Entry> v = new ArrayList<>();
        for (Entry e : virtual) {
            virtualNames.add(e.name());
            if (Bytewise.after(e.name(), afterName)) {
                v.add(e);
            }
        }
        // ask for enough stored children to fill the page even if every virtual name hides one
        List<Node> stored = snapshot.childrenAfter(dirId, afterName, limit + virtualNames.size());
        List<Entry> out = new ArrayList<>(limit);
        int i = 0;
        int j = 0;
        while (out.size() < limit && (i < v.size() || j < stored.size())) {
            if (j < stored.size() && virtualNames.contains(stored.get(j).name())) {
                j++;
                continue;
            }
            boolean takeVirtual = j >= stored.size()
                    || (i < v.size() && Bytewise.compare(v.get(i).name(), stored.get(j).name()) < 0);
            out.add(takeVirtual ? v.get(i++) : Tree.stored(stored.get(j++)));
        }
        return out;
    }

    /** Every entry of the directory, one page after another. */
    static List<Entry> all(Snapshot snapshot, String dirId, List<Entry> virtual) {
        List<Entry> out = new ArrayList<>();
        String after = null;
        while (true) {
            List<Entry> page = page(snapshot, dirId, virtual, after, 4096);
            out.addAll(page);
            if (page.size() < 4096) {
                return out;
            }
            after = page.getLast().name();
        }
    }
}
