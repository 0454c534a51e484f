package dev.mache.ipc;

import dev.mache.graph.Node;
import dev.mache.graph.NodeKind;

/**
 * A node as it travels: ley-line's Node fields plus mache's attributes, which a ley-line daemon does not send.
 *
 * @param record     the file's content as text, or null when absent
 * @param mtimeNanos null when the daemon does not send it (ley-line)
 * @param construct  null when the daemon does not send it (ley-line)
 */
public record WireNode(String id, String parentId, String name, int kind, long size, String record, Long mtimeNanos,
                       Boolean construct) {

    public static WireNode of(Node n, String record) {
        return new WireNode(n.id(), n.parentId(), n.name(), n.kind().code(), n.size(), record, n.mtimeNanos(),
                n.construct());
    }

    /** The graph's node; attributes the daemon did not send take the given defaults. */
    public Node toNode(long defaultMtimeNanos) {
        return new Node(id, parentId, name, NodeKind.of(kind), size, mtimeNanos == null ? defaultMtimeNanos : mtimeNanos,
                construct != null && construct);
    }
}
