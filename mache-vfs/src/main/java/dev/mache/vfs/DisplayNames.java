package dev.mache.vfs;

import dev.mache.graph.Names;

import java.util.ArrayList;
import java.util.List;

/**
 * The qualified display name of a construct, derived from its path alone (PROJECTION.md §3): the namespace segment,
 * then the construct name segments, with the language segment and the kind-group segments ({@code classes},
 * {@code methods}, ...) dropped. {@code java/java.util/classes/ArrayList/methods/add(int,E)} →
 * {@code java.util.ArrayList.add(int,E)}.
 *
 * <p>Below the namespace a construct path alternates kind group and name ({@code classes/ArrayList/methods/add(E)}),
 * so the groups are the segments at even offsets from the namespace. The result is one valid segment (escaped and
 * shortened like any other name).
 */
final class DisplayNames {
    private DisplayNames() {
    }

    static String qualified(String constructId) {
        String[] segs = constructId.split("/", -1);
        if (segs.length < 2) {
            return Names.escape(Names.unescape(constructId));
        }
        List<String> parts = new ArrayList<>();
        parts.add(Names.unescape(segs[1]));
        for (int i = 3; i < segs.length; i += 2) {
            parts.add(Names.unescape(segs[i]));
        }
        return Names.escape(String.join(".", parts));
    }
}
