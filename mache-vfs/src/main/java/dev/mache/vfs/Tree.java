package dev.mache.vfs;

import dev.mache.graph.Node;
import dev.mache.graph.Snapshot;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The per-snapshot context every view shares: the graph snapshot and the attributes of virtual entries. */
final class Tree {
    private final Snapshot snapshot;
    private final String description;
    private final long commitTimeNanos;
    private final LinkCache linkCache;
    private String root;

    Tree(Snapshot snapshot, String description, LinkCache linkCache) {
        this.snapshot = snapshot;
        this.description = description;
        this.commitTimeNanos = snapshot.committedAtNanos();
        this.linkCache = linkCache;
    }

    /** The snapshot's identity, asked once. */
    String root() {
        if (root == null) {
            root = snapshot.root();
        }
        return root;
    }

    /** The named links of a list directory, computed at most once per snapshot content while cached. */
    List<RefListView.Link> links(String dir, Supplier<List<RefListView.Link>> compute) {
        if (snapshot instanceof StateCache.Cached cached) {
            return cached.memo("links\0" + dir, () -> List.copyOf(compute.get()));
        }
        return linkCache.get(root(), dir, compute);
    }

    /** A value computed once per graph state (see {@link StateCache}), or every time when there is no cache. */
    <T> T memo(String key, Supplier<T> compute) {
        return snapshot instanceof StateCache.Cached cached ? cached.memo(key, compute) : compute.get();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    String description() {
        return description;
    }

    /** Virtual directories take the snapshot's commit time, so their times move forward when listings change. */
    long commitTimeNanos() {
        return commitTimeNanos;
    }

    Entry virtualDir(String path) {
        return new Entry(path, TreePaths.name(path), EntryType.DIRECTORY, 0, commitTimeNanos, FileIds.of(path),
                Optional.empty(), Optional.empty());
    }

    Entry virtualFile(String path, long size) {
        return new Entry(path, TreePaths.name(path), EntryType.FILE, size, commitTimeNanos, FileIds.of(path),
                Optional.empty(), Optional.empty());
    }

    static Entry stored(Node node) {
        return new Entry(node.id(), node.name(), node.isDirectory() ? EntryType.DIRECTORY : EntryType.FILE,
                node.isDirectory() ? 0 : node.size(), node.mtimeNanos(), FileIds.of(node.id()), Optional.empty(),
                Optional.empty());
    }
}
