package dev.mache.graph;

import java.util.List;

/**
 * One entry of the projected tree as the graph stores it.
 *
 * @param id         the path without a leading slash; {@code ""} is the root
 * @param parentId   the parent's id ({@code ""} for top-level entries and for the root itself)
 * @param name       the last path segment, already escaped per PROJECTION.md §4
 * @param kind       file or directory
 * @param size       exact byte length of what a read returns (0 for directories)
 * @param mtimeNanos modification time, nanoseconds since the epoch
 * @param construct  true for a construct's directory (it gets source/location/context/callers/callees)
 */
public record Node(String id, String parentId, String name, NodeKind kind, long size, long mtimeNanos,
                   boolean construct) {

    /** The files of every construct's directory (PROJECTION.md §2), in bytewise name order. */
    public static final List<String> CONSTRUCT_FILES = List.of("context", "location", "source");

    public boolean isDirectory() {
        return kind == NodeKind.DIRECTORY;
    }

    /** Whether {@code name} is one of {@link #CONSTRUCT_FILES}: the entry is one if its parent is a construct. */
    public static boolean isConstructFile(String name) {
        return CONSTRUCT_FILES.contains(name);
    }
}
